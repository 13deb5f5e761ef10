import ArgumentParser
import Foundation
import MuninnNotifiers
import MuninnTesting
import Testing

@testable import Muninn

/// `caFile` and `insecureSkipVerify` of the destinations people self-host (webhook, Slack-compatible webhook,
/// Mattermost, a local Telegram Bot API server): read and checked when the configuration is loaded, a relative path
/// taken from the configuration file's folder, every mistake named with its key and line.
@Suite struct DestinationCAFileConfigurationTests {
    static let types = ["webhook", "slackWebhook", "mattermost", "telegram"]

    /// The settings `type` needs besides TLS, on one line of flow YAML.
    static func required(_ type: String) -> String {
        switch type {
        case "telegram": "type: telegram, token: '123456:ABC-def', chatID: '-1001234567890', apiURL: 'https://bot-api.internal'"
        case "mattermost": "type: mattermost, url: 'https://mattermost.internal/hooks/abc'"
        default: "type: \(type), url: 'https://hooks.internal/muninn'"
        }
    }

    @Test func aRelativeCAFileIsReadFromTheConfigurationFilesFolder() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("certs/internal-ca.pem", TestCertificates.selfSignedCA)
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
        #expect(hook.tls.caPEM == Array(TestCertificates.selfSignedCA.utf8) && hook.tls.caFile == "certs/internal-ca.pem" && !hook.tls.insecureSkipVerify)
        let chat = try #require(configuration.destinations.first { $0.name == "chat" }?.settings)
        guard case .chat(.mattermost(let mattermost)) = chat else {
            Issue.record("not a Mattermost destination: \(chat)")
            return
        }
        #expect(mattermost.tls.caPEM == Array(TestCertificates.selfSignedCA.utf8))

        let summary = ConfigurationSummary(configuration: configuration).destinationLines.joined(separator: "\n")
        #expect(summary.contains("hook (webhook): url: set (inline), signing secret: none, CA certs/internal-ca.pem"), "\(summary)")
        #expect(summary.contains("chat (mattermost): url: set (inline), channel: the webhook's own, CA certs/internal-ca.pem"), "\(summary)")
        #expect(TLSWarnings.lines(for: configuration, kube: nil).isEmpty, "a private CA verifies: nothing to warn about")

        let notifiers = try NotifierFactory(httpClient: .notifiers).notifiers(for: configuration.destinations)
        #expect((notifiers["hook"] as? WebhookNotifier)?.configuration.tls.certificateAuthorityPEM == Array(TestCertificates.selfSignedCA.utf8))
        #expect((notifiers["chat"] as? MattermostNotifier)?.configuration.tls.certificateAuthorityPEM == Array(TestCertificates.selfSignedCA.utf8))
    }

    @Test(arguments: types)
    func anUnreadableCAFileNamesTheKeyAndLine(type: String) throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        // Block style, one key per line: the caFile line comes after the type's own keys.
        let keys = Self.required(type).components(separatedBy: ", ")
        let yaml = "destinations:\n  e:\n" + keys.map { "    \($0)\n" }.joined() + "    caFile: missing-ca.pem\n"
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.load(file: try files.write("muninn.yaml", yaml))
        }
        #expect(error.key == "destinations.e.caFile" && error.line == 3 + keys.count, "\(error)")
        #expect(error.message == "cannot read \(files.path("missing-ca.pem"))", "the path as resolved: \(error)")
    }

    @Test(arguments: types)
    func aCAFileThatIsNotPEMIsRefused(type: String) throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("ca.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
        try files.write("empty.pem", "")
        for file in ["ca.pem", "empty.pem"] {
            let error = try #require(throws: ConfigurationError.self) {
                try MuninnConfiguration.load(file: try files.write("muninn.yaml", "destinations:\n  d: {\(Self.required(type)), caFile: \(file)}\n"))
            }
            #expect(error.key == "destinations.d.caFile" && error.line == 2, "\(error)")
            #expect(error.message.contains("PEM"), "\(error)")
        }
    }

    @Test(arguments: types)
    func aCAFileAndInsecureSkipVerifyTogetherAreRefused(type: String) throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("ca.pem", TestCertificates.selfSignedCA)
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.load(
                file: try files.write("muninn.yaml", "destinations:\n  d: {\(Self.required(type)), caFile: ca.pem, insecureSkipVerify: true}\n"))
        }
        #expect(error.key == "destinations.d.caFile" && error.message.contains("not both"), "\(error)")
    }

    @Test func insecureSkipVerifyIsWarnedAbout() throws {
        let insecure = Self.types.map { "  \($0): {\(Self.required($0)), insecureSkipVerify: true}\n" }.joined()
        let configuration = try MuninnConfiguration.parse(
            "destinations:\n" + insecure + "  hook: {type: webhook, url: 'https://hooks.internal/muninn', insecureSkipVerify: true}\n"
                + "  verified: {type: webhook, url: 'https://hooks.example.com/muninn'}\n", file: "/nonexistent/muninn.yaml")
        #expect(TLSWarnings.lines(for: configuration, kube: nil) == (Self.types + ["hook"]).map {
            "TLS verification of destination '\($0)' is OFF (insecureSkipVerify)"
        })
        let summary = ConfigurationSummary(configuration: configuration).destinationLines.joined(separator: "\n")
        #expect(summary.contains("hook (webhook): url: set (inline), signing secret: none, TLS verification OFF"), "\(summary)")
    }

    /// `check-config` stops at the mistake, before anything connects to the cluster.
    @Test func checkConfigFailsOnAMissingCAFile() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let kubeconfig = try files.write("kubeconfig", CheckConfigCommandTests.kubeconfig)
        let config = try files.write("muninn.yaml", "destinations:\n  hook: {type: webhook, url: 'https://hooks.internal/x', caFile: nowhere.pem}\n")
        let command = try #require(try MuninnCommand.parseAsRoot(["check-config", "--config", config, "--kubeconfig", kubeconfig]) as? CheckConfigCommand)
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }
}
