import ArgumentParser
import Foundation
import Testing

@testable import Muninn

@Suite struct CommandLineTests {
    private func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-cli-\(UUID().uuidString)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everySubcommandParses() throws {
        #expect(try MuninnCommand.parseAsRoot(["version", "--short"]) is VersionCommand)
        #expect(try MuninnCommand.parseAsRoot(["demo", "--duration", "5", "--seed", "3"]) is DemoCommand)
        #expect(try MuninnCommand.parseAsRoot(["sim", "--listen", "127.0.0.1:0", "--pods", "10", "--no-tls", "--auth", "none"]) is SimCommand)
        #expect(try MuninnCommand.parseAsRoot(["sim", "--demo"]) is SimCommand)
        #expect(try MuninnCommand.parseAsRoot(["check-config", "-n", "a", "-n", "b"]) is CheckConfigCommand)
        #expect(try MuninnCommand.parseAsRoot(["--kubeconfig", "/x"]) is RunCommand)
    }

    @Test(arguments: [
        ["sim", "--listen", "nonsense"], ["sim", "--listen", "127.0.0.1:70000"], ["sim", "--pods", "-1"],
        ["sim", "--auth", "client-certificate", "--no-tls"], ["sim", "--scenario", "a.yaml", "--pods", "3"],
        ["demo", "--duration", "0"], ["sim", "--auth", "password"], ["sim", "--demo", "--pods", "5"],
    ])
    func invalidFlagsAreRejectedBeforeAnythingRuns(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try MuninnCommand.parseAsRoot(arguments) }
    }

    @Test func listenAcceptsIPv6() {
        #expect(SimCommand.parseListen("[::1]:8443")?.host == "::1")
        #expect(SimCommand.parseListen("[::1]:8443")?.port == 8443)
        #expect(SimCommand.parseListen(":80") == nil)
    }

    @Test func checkConfigFailsOnABrokenKubeconfigWithoutContactingAnyone() async throws {
        let kubeconfig = try temporaryFile("apiVersion: v1\nkind: Config\nclusters: 5\n")
        defer { try? FileManager.default.removeItem(atPath: kubeconfig) }  // try?: temp file only
        var command = try #require(try MuninnCommand.parseAsRoot(["check-config", "--kubeconfig", kubeconfig]) as? CheckConfigCommand)
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }

    @Test func checkConfigPassesOnAGoodOne() async throws {
        let kubeconfig = try temporaryFile("""
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: abc}}]
            contexts: [{name: dev, context: {cluster: c, user: u, namespace: shop}}]
            """)
        defer { try? FileManager.default.removeItem(atPath: kubeconfig) }  // try?: temp file only
        var command = try #require(try MuninnCommand.parseAsRoot(["check-config", "--kubeconfig", kubeconfig]) as? CheckConfigCommand)
        try await command.run()
    }

    @Test func runFailsOnAConfigMistakeBeforeConnecting() async throws {
        let config = try temporaryFile("watch:\n  namespacs: [a]\n")
        defer { try? FileManager.default.removeItem(atPath: config) }  // try?: temp file only
        var command = try #require(try MuninnCommand.parseAsRoot(["run", "--config", config, "--kubeconfig", "/nonexistent"]) as? RunCommand)
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }
}
