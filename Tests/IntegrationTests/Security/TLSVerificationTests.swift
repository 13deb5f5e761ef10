import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnCore
import MuninnTesting
import Testing

@testable import Muninn

/// TLS verification is on by default for every HTTP client Muninn has. The server is the simulator: HTTPS with a
/// certificate signed by a CA it generated in-process (swift-certificates), which no system trusts. Every client
/// must refuse it unless told to trust that CA (or, where the option exists, told to skip verification, which is
/// logged once).
@Suite(.timeLimit(.minutes(1)))
struct TLSVerificationTests {
    /// Every destination type, pointed at the simulator.
    static func destinations(server s: String) -> String {
        """
        destinations:
          slack: {type: slack, token: xoxb-1-2-abc, apiURL: '\(s)/api', defaultChannel: '#alerts', requestTimeout: 5s}
          slackWebhook: {type: slackWebhook, url: '\(s)/services/T0/B0/x', requestTimeout: 5s}
          dingtalk: {type: dingtalk, token: 0123456789abcdef, apiURL: '\(s)/robot/send', requestTimeout: 5s}
          webhook: {type: webhook, url: '\(s)/hook', requestTimeout: 5s}
          teams: {type: teams, url: '\(s)/workflows/x', requestTimeout: 5s}
          discord: {type: discord, url: '\(s)/api/webhooks/1/x', requestTimeout: 5s}
          telegram: {type: telegram, token: '123456:ABC-def', chatID: '-1001234567890', apiURL: '\(s)', requestTimeout: 5s}
          pagerduty: {type: pagerduty, routingKey: R0123456789ABCDEF0123456789ABCDE, apiURL: '\(s)/v2/enqueue', requestTimeout: 5s}
          mattermost: {type: mattermost, url: '\(s)/hooks/x', requestTimeout: 5s}
          googlechat: {type: googlechat, url: '\(s)/v1/spaces/x/messages?key=k&token=t', requestTimeout: 5s}
          feishu: {type: feishu, url: '\(s)/open-apis/bot/v2/hook/x', requestTimeout: 5s}
          elasticsearch: {type: elasticsearch, url: '\(s)', indexTemplate: false, requestTimeout: 5s}
          loki: {type: loki, url: '\(s)', requestTimeout: 5s}
        """
    }

    @Test func everyDestinationRefusesACertificateItCannotVerify() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            let kube = try KubeConfig.load(kubeconfigPath: cluster.kubeconfigPath, context: nil, environment: [:])
            let configuration = try MuninnConfiguration.parse(Self.destinations(server: kube.server), file: "tls.yaml")
            let kinds = Set(DestinationConfiguration.Kind.allCases).subtracting([.console])
            #expect(Set(configuration.destinations.map(\.kind)) == kinds, "every destination type that connects is covered")
            let alert = SampleAlert.make(kind: .crashed, cluster: "tls", id: "tls-default", now: Date())
            let outcomes = try await DestinationProbe.sendToEach(alert, configuration: configuration).mapValues { $0?.description }
            #expect(outcomes.count == configuration.destinations.count)
            for (name, failure) in outcomes.sorted(by: { $0.key < $1.key }) {
                guard let failure else {
                    Issue.record("\(name): delivered to a server it cannot verify")
                    continue
                }
                // No HTTP exchange happened: the handshake failed on the certificate, and the error says so.
                #expect(!failure.contains("answered HTTP"), "\(name): \(failure)")
                #expect(Self.namesTheCertificate(failure), "\(name): \(failure)")
            }
        }
    }

    @Test func theAPIClientRefusesAnUnknownCATrustsTheConfiguredOneAndSkipsOnlyWhenToldWithOneWarning() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            let configured = try KubeConfig.load(kubeconfigPath: cluster.kubeconfigPath, context: nil, environment: [:])
            #expect(configured.tls.certificateAuthorityPEM != nil && !configured.tls.insecureSkipTLSVerify)
            func listPods(_ config: KubeConfig, logger: Logger = Logger(label: "tls-test")) async throws -> Int {
                try await KubeClient.withKubeClient(config: config, logger: logger) { client in
                    try await client.list(.pods, namespace: nil, as: JSONValue.self).items.count
                }
            }
            #expect(try await listPods(configured) >= 0, "the CA from the kubeconfig is trusted")

            var systemRoots = configured
            systemRoots.tls.certificateAuthorityPEM = nil
            do {
                _ = try await listPods(systemRoots)
                Issue.record("the API client trusted a certificate signed by an unknown CA")
            } catch {
                #expect(Self.namesTheCertificate("\(error)"), "\(error)")
            }

            var insecure = systemRoots
            insecure.tls.insecureSkipTLSVerify = true
            insecure.origin = "kubeconfig tls-test-\(UUID().uuidString)"
            let recorder = LogRecorder()
            _ = try await listPods(insecure, logger: recorder.logger(label: "tls-test"))
            _ = try await listPods(insecure, logger: recorder.logger(label: "tls-test"))
            #expect(recorder.records.filter { $0.level >= .warning }.map(\.message) == ["TLS verification of the API server is disabled (insecure-skip-tls-verify)"], "one warning for two clients")
        }
    }

    /// What a refused handshake says: the operator must see that the certificate was the problem.
    static func namesTheCertificate(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["certificate", "tls", "ssl", "handshake"].contains { lowered.contains($0) }
    }
}
