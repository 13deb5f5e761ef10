import Foundation
import KubeAPI
import Logging
import MuninnCore
import Testing

@testable import Muninn

/// `caFile` of the destinations people self-host (webhook, Mattermost) against a real TLS server: the simulator,
/// whose certificate is signed by a CA it generated in-process, which no system trusts. Without `caFile` the
/// handshake is refused; with it (a path relative to the configuration file) the request goes through, which an HTTP
/// answer shows (the simulator answers 401 or 404 to a request that is not Kubernetes').
@Suite(.timeLimit(.minutes(1)))
struct DestinationCATests {
    @Test func webhookAndMattermostTrustAPrivateCAOnlyWithCAFile() async throws {
        try await TestCluster.with(scenario: AlertPipelineEndToEndTests.quietScenario, playFor: 0) { cluster in
            let kube = try KubeConfig.load(kubeconfigPath: cluster.kubeconfigPath, context: nil, environment: [:])
            let ca = try #require(kube.tls.certificateAuthorityPEM)
            try FileManager.default.createDirectory(at: cluster.directory.appendingPathComponent("certs"), withIntermediateDirectories: true)
            try Data(ca).write(to: cluster.directory.appendingPathComponent("certs/internal-ca.pem"))
            let s = kube.server
            let file = cluster.directory.appendingPathComponent("muninn.yaml").path
            try """
                destinations:
                  webhook-trusted: {type: webhook, url: '\(s)/hook', caFile: certs/internal-ca.pem, requestTimeout: 10s}
                  webhook-untrusted: {type: webhook, url: '\(s)/hook', requestTimeout: 10s}
                  mattermost-trusted: {type: mattermost, url: '\(s)/hooks/abc', caFile: certs/internal-ca.pem, requestTimeout: 10s}
                  mattermost-untrusted: {type: mattermost, url: '\(s)/hooks/abc', requestTimeout: 10s}
                  mattermost-insecure: {type: mattermost, url: '\(s)/hooks/abc', insecureSkipVerify: true, requestTimeout: 10s}

                """.write(toFile: file, atomically: true, encoding: .utf8)
            let configuration = try MuninnConfiguration.load(file: file)
            let notifiers = try PipelineAssembly(configuration: configuration, consoleWrite: { _ in }).notifiers()
            let alert = SampleAlert.make(kind: .crashed, cluster: "tls", id: "tls-ca-file", now: Date())
            var logger = Logger(label: "tls-test")
            logger.logLevel = .critical
            func failure(_ name: String) async throws -> NotifierError? {
                let notifier = try #require(notifiers[name])
                do throws(NotifierError) {
                    _ = try await notifier.send(alert, to: DeliveryTarget(), logger: logger)
                    return nil
                } catch {
                    return error
                }
            }
            for name in ["webhook-trusted", "mattermost-trusted", "mattermost-insecure"] {
                let error = try await failure(name)
                #expect(error?.description.contains("answered HTTP 4") == true, "\(name): the handshake succeeded: \(String(describing: error))")
            }
            for name in ["webhook-untrusted", "mattermost-untrusted"] {
                let error = try await failure(name)
                #expect(error?.isRetryable == true && error?.description.contains("answered HTTP") == false, "\(name): \(String(describing: error))")
                #expect(error.map { TLSVerificationTests.namesTheCertificate($0.description) } == true, "\(name): \(String(describing: error))")
            }
        }
    }
}
