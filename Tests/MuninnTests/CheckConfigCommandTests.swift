import ArgumentParser
import Foundation
import Testing

@testable import Muninn

@Suite struct CheckConfigCommandTests {
    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: abc}}]
        contexts: [{name: dev, context: {cluster: c, user: u}}]
        """

    @Test func acceptsDestinationsWithSecretFiles() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let kubeconfig = try files.write("kubeconfig", Self.kubeconfig)
        try files.write("token", "xoxb-1\n")
        let config = try files.write("muninn.yaml", "destinations:\n  ops: {type: slack, tokenFile: token, defaultChannel: '#a'}\n")
        var command = try #require(try MuninnCommand.parseAsRoot(["check-config", "--config", config, "--kubeconfig", kubeconfig]) as? CheckConfigCommand)
        try await command.run()
    }

    @Test func failsOnAMissingSecretFile() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let kubeconfig = try files.write("kubeconfig", Self.kubeconfig)
        let config = try files.write("muninn.yaml", "destinations:\n  ops: {type: slack, tokenFile: missing, defaultChannel: '#a'}\n")
        var command = try #require(try MuninnCommand.parseAsRoot(["check-config", "--config", config, "--kubeconfig", kubeconfig]) as? CheckConfigCommand)
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }
}
