import ArgumentParser
import Foundation
import MuninnNotifiers
import Testing

@testable import Muninn

/// `caFile` and `insecureSkipVerify` of the destinations people self-host (webhook, Mattermost): read and checked
/// when the configuration is loaded, a relative path taken from the configuration file's folder, every mistake
/// named with its key and line.
@Suite struct DestinationCAFileConfigurationTests {
    /// A self-signed CA certificate (made once with openssl; only its form matters here).
    static let caPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBiTCCAS+gAwIBAgIUZnrsWB6mrxDD0e5dDqIQoYRnsL8wCgYIKoZIzj0EAwIw
        GTEXMBUGA1UEAwwOTXVuaW5uIHRlc3QgQ0EwIBcNMjYxMTIxMTEyNTU0WhgPMjEy
        NjEwMjgxMTI1NTRaMBkxFzAVBgNVBAMMDk11bmlubiB0ZXN0IENBMFkwEwYHKoZI
        zj0CAQYIKoZIzj0DAQcDQgAEZTuddoYOKm+kT6KyQZD+RPsab2xkUEvIQQWM6J0u
        b09td7U8yCWr5ZosCmkK2uMrSTeKdbFm3bVo/JoXbWCr5aNTMFEwHQYDVR0OBBYE
        FB185vtldmZaq8oJ+aZ7drEw7syPMB8GA1UdIwQYMBaAFB185vtldmZaq8oJ+aZ7
        drEw7syPMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhALS65Eo7
        8CfbUndz65VfciJeW/Rkjc4HyyWvWGVr+X+3AiBDBT3mha6YZDLycWI7eKKMyT86
        tJz8c/vRhJ/BlYlvHw==
        -----END CERTIFICATE-----

        """

    @Test func aRelativeCAFileIsReadFromTheConfigurationFilesFolder() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("certs/internal-ca.pem", Self.caPEM)
        let configuration = try MuninnConfiguration.load(
            file: try files.write(
                "muninn.yaml",
                """
                destinations:
                  hook: {type: webhook, url: 'https://hooks.internal/muninn', caFile: certs/internal-ca.pem}
                  chat: {type: mattermost, url: 'https://mattermost.internal/hooks/abc', caFile: certs/internal-ca.pem}

                """))
        let settings = try #require(configuration.destinations.first { $0.name == "hook" }?.settings)
        guard case .webhook(let hook) = settings else {
            Issue.record("not a webhook: \(settings)")
            return
        }
        #expect(hook.tls.caPEM == Array(Self.caPEM.utf8) && hook.tls.caFile == "certs/internal-ca.pem" && !hook.tls.insecureSkipVerify)
        let chat = try #require(configuration.destinations.first { $0.name == "chat" }?.settings)
        guard case .chat(.mattermost(let mattermost)) = chat else {
            Issue.record("not a Mattermost destination: \(chat)")
            return
        }
        #expect(mattermost.tls.caPEM == Array(Self.caPEM.utf8))

        let summary = ConfigurationSummary(configuration: configuration).destinationLines.joined(separator: "\n")
        #expect(summary.contains("hook (webhook): url: set (inline), signing secret: none, CA certs/internal-ca.pem"), "\(summary)")
        #expect(summary.contains("chat (mattermost): url: set (inline), channel: the webhook's own, CA certs/internal-ca.pem"), "\(summary)")
        #expect(TLSWarnings.lines(for: configuration, kube: nil).isEmpty, "a private CA verifies: nothing to warn about")

        let notifiers = try NotifierFactory(httpClient: .notifiers).notifiers(for: configuration.destinations)
        #expect((notifiers["hook"] as? WebhookNotifier)?.configuration.tls.certificateAuthorityPEM == Array(Self.caPEM.utf8))
        #expect((notifiers["chat"] as? MattermostNotifier)?.configuration.tls.certificateAuthorityPEM == Array(Self.caPEM.utf8))
    }

    @Test(arguments: ["webhook", "mattermost"])
    func anUnreadableCAFileNamesTheKeyAndLine(type: String) throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let url = type == "webhook" ? "https://hooks.internal/muninn" : "https://mattermost.internal/hooks/abc"
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.load(
                file: try files.write("muninn.yaml", "destinations:\n  d:\n    type: \(type)\n    url: '\(url)'\n    caFile: missing-ca.pem\n"))
        }
        #expect(error.key == "destinations.d.caFile" && error.line == 5, "\(error)")
        #expect(error.message == "cannot read \(files.path("missing-ca.pem"))", "the path as resolved: \(error)")
    }

    @Test(arguments: ["webhook", "mattermost"])
    func aCAFileThatIsNotPEMIsRefused(type: String) throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("ca.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
        try files.write("empty.pem", "")
        let url = type == "webhook" ? "https://hooks.internal/muninn" : "https://mattermost.internal/hooks/abc"
        for file in ["ca.pem", "empty.pem"] {
            let error = try #require(throws: ConfigurationError.self) {
                try MuninnConfiguration.load(file: try files.write("muninn.yaml", "destinations:\n  d: {type: \(type), url: '\(url)', caFile: \(file)}\n"))
            }
            #expect(error.key == "destinations.d.caFile" && error.line == 2, "\(error)")
            #expect(error.message.contains("PEM"), "\(error)")
        }
    }

    @Test(arguments: ["webhook", "mattermost"])
    func aCAFileAndInsecureSkipVerifyTogetherAreRefused(type: String) throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("ca.pem", Self.caPEM)
        let url = type == "webhook" ? "https://hooks.internal/muninn" : "https://mattermost.internal/hooks/abc"
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.load(
                file: try files.write("muninn.yaml", "destinations:\n  d: {type: \(type), url: '\(url)', caFile: ca.pem, insecureSkipVerify: true}\n"))
        }
        #expect(error.key == "destinations.d.caFile" && error.message.contains("not both"), "\(error)")
    }

    @Test func insecureSkipVerifyIsWarnedAbout() throws {
        let configuration = try MuninnConfiguration.parse(
            """
            destinations:
              hook: {type: webhook, url: 'https://hooks.internal/muninn', insecureSkipVerify: true}
              chat: {type: mattermost, url: 'https://mattermost.internal/hooks/abc', insecureSkipVerify: true}
              verified: {type: webhook, url: 'https://hooks.example.com/muninn'}
            """, file: "/nonexistent/muninn.yaml")
        #expect(TLSWarnings.lines(for: configuration, kube: nil) == [
            "TLS verification of destination 'hook' is OFF (insecureSkipVerify)",
            "TLS verification of destination 'chat' is OFF (insecureSkipVerify)",
        ])
        let summary = ConfigurationSummary(configuration: configuration).destinationLines.joined(separator: "\n")
        #expect(summary.contains("hook (webhook): url: set (inline), signing secret: none, TLS verification OFF"), "\(summary)")
    }

    /// `check-config` stops at the mistake, before anything connects to the cluster.
    @Test func checkConfigFailsOnAMissingCAFile() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let kubeconfig = try files.write("kubeconfig", CheckConfigCommandTests.kubeconfig)
        let config = try files.write("muninn.yaml", "destinations:\n  hook: {type: webhook, url: 'https://hooks.internal/x', caFile: nowhere.pem}\n")
        var command = try #require(try MuninnCommand.parseAsRoot(["check-config", "--config", config, "--kubeconfig", kubeconfig]) as? CheckConfigCommand)
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }
}
