import Foundation
import KubeAPI
import Logging
import MuninnCore
import Testing

@testable import Muninn

/// `caFile` and `insecureSkipVerify` of the exports against a real TLS server: the simulator, whose certificate is
/// signed by its own CA. An HTTP answer (401: the exports send no Kubernetes token) means the handshake succeeded.
@Suite(.timeLimit(.minutes(1)))
struct ExportTLSTests {
    @Test func aPrivateCAIsTrustedOnlyWhenConfigured() async throws {
        try await TestCluster.with(scenario: AlertPipelineEndToEndTests.quietScenario, playFor: 0) { cluster in
            let kube = try KubeConfig.load(kubeconfigPath: cluster.kubeconfigPath, context: nil, environment: [:])
            let ca = try #require(kube.tls.certificateAuthorityPEM)
            let caPath = cluster.directory.appendingPathComponent("ca.pem").path
            try Data(ca).write(to: URL(fileURLWithPath: caPath))
            let configuration = try MuninnConfiguration.parse(
                """
                destinations:
                  trusted: {type: elasticsearch, url: '\(kube.server)', caFile: '\(caPath)', indexTemplate: false, requestTimeout: 10s}
                  untrusted: {type: elasticsearch, url: '\(kube.server)', indexTemplate: false, requestTimeout: 10s}
                  insecure: {type: elasticsearch, url: '\(kube.server)', insecureSkipVerify: true, indexTemplate: false, requestTimeout: 10s}
                  loki: {type: loki, url: '\(kube.server)', caFile: '\(caPath)', requestTimeout: 10s}
                """, file: "tls.yaml")
            let notifiers = try PipelineAssembly(configuration: configuration, consoleWrite: { _ in }).notifiers()
            let alert = SampleAlert.make(kind: .crashed, cluster: "tls", id: "tls-test", now: Date())
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
            for name in ["trusted", "insecure", "loki"] {
                let error = try await failure(name)
                #expect(error?.description.contains("answered HTTP 401") == true, "\(name): \(String(describing: error))")
            }
            let untrusted = try await failure("untrusted")
            #expect(untrusted?.isRetryable == true && untrusted?.description.contains("answered HTTP") == false, "\(String(describing: untrusted))")
        }
    }
}
