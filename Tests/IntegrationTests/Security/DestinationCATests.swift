import Foundation
import KubeAPI
import Logging
import MuninnCore
import Testing

@testable import Muninn

/// `caFile` of the destinations people self-host (webhook, Slack-compatible webhook, Mattermost, a local Telegram Bot
/// API server) against a real TLS server: the simulator, whose certificate is signed by a CA it generated
/// in-process, which no system trusts. Without `caFile` the handshake is refused; with it (a path relative to the
/// configuration file), or with `insecureSkipVerify`, the request reaches HTTP (the simulator answers it with an
/// error of its own, which is all this needs).
@Suite(.timeLimit(.minutes(1)))
struct DestinationCATests {
    @Test func selfHostedDestinationsTrustAPrivateCAOnlyWithCAFile() async throws {
        try await TestCluster.with(scenario: AlertPipelineEndToEndTests.quietScenario, playFor: 0) { cluster in
            let kube = try KubeConfig.load(kubeconfigPath: cluster.kubeconfigPath, context: nil, environment: [:])
            let ca = try #require(kube.tls.certificateAuthorityPEM)
            try FileManager.default.createDirectory(at: cluster.directory.appendingPathComponent("certs"), withIntermediateDirectories: true)
            try Data(ca).write(to: cluster.directory.appendingPathComponent("certs/internal-ca.pem"))
            let s = kube.server
            let host = try #require(URLComponents(string: s).map { "\($0.host ?? ""):\($0.port ?? 443)" })
            let file = cluster.directory.appendingPathComponent("muninn.yaml").path
            let servers = [
                "webhook": "url: '\(s)/hook'",
                "slackWebhook": "url: '\(s)/services/T0/B0/x'",
                "mattermost": "url: '\(s)/hooks/abc'",
                "telegram": "token: '123456:ABC-def', chatID: '-1001234567890', apiURL: '\(s)'",
            ]
            var yaml = "destinations:\n"
            for (type, address) in servers.sorted(by: { $0.key < $1.key }) {
                yaml += "  \(type)-trusted: {type: \(type), \(address), caFile: certs/internal-ca.pem, requestTimeout: 10s}\n"
                yaml += "  \(type)-untrusted: {type: \(type), \(address), requestTimeout: 5s}\n"
                yaml += "  \(type)-insecure: {type: \(type), \(address), insecureSkipVerify: true, requestTimeout: 10s}\n"
            }
            try yaml.write(toFile: file, atomically: true, encoding: .utf8)
            let configuration = try MuninnConfiguration.load(file: file)
            let alert = SampleAlert.make(kind: .crashed, cluster: "tls", id: "tls-ca-file", now: Date())
            let outcomes = try await DestinationProbe.sendToEach(alert, configuration: configuration)
            /// A transport failure names the host ("request to HOST failed: ..."); an HTTP answer of any kind does not.
            func reachedHTTP(_ error: NotifierError?) -> Bool { !(error?.description.contains("request to \(host)") ?? false) }
            #expect(outcomes.count == 12)
            for type in servers.keys.sorted() {
                for name in ["\(type)-trusted", "\(type)-insecure"] {
                    let error = outcomes[name] ?? nil
                    #expect(reachedHTTP(error), "\(name): the handshake should succeed: \(String(describing: error))")
                }
                let error = outcomes["\(type)-untrusted"] ?? nil
                #expect(error?.isRetryable == true && !reachedHTTP(error), "\(type)-untrusted: \(String(describing: error))")
                #expect(error.map { TLSVerificationTests.namesTheCertificate($0.description) } == true, "\(type)-untrusted: \(String(describing: error))")
            }
            #expect(TLSWarnings.lines(for: configuration, kube: nil) == servers.keys.sorted().map {
                "TLS verification of destination '\($0)-insecure' is OFF (insecureSkipVerify)"
            })
        }
    }
}
