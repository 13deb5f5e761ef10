import Foundation
import KubeAPI
import Logging
import MuninnTesting
import Testing

@testable import Muninn

/// The start-up summary says what this process watches and where it sends, and never a secret.
@Suite struct StartupSummaryTests {
    static let secrets = ["xoxb-topsecret-token", "s3cr3t-pg-password", "hook-key-0123456789", "dashboard-bearer-value"]

    static func configuration() throws -> MuninnConfiguration {
        var configuration = try MuninnConfiguration.parse(
            """
            cluster: {name: prod-eu}
            watch: {namespaces: [shop, payments], labelSelector: team=web}
            destinations:
              slack-ops: {type: slack, token: xoxb-topsecret-token, defaultChannel: "#alerts"}
              audit: {type: webhook, url: "https://audit.example.com/hook?key=hook-key-0123456789"}
            store: {dsn: "postgres://muninn:s3cr3t-pg-password@db.internal:5432/muninn"}
            leaderElection: {enabled: true}
            delivery: {drainTimeout: 20s}
            changes: {resources: [deployments, configmaps]}
            """, file: "muninn.yaml")
        configuration.dashboard.auth = .bearerToken(SecretValue(value: "dashboard-bearer-value", source: .file("/etc/muninn/token")))
        return configuration
    }

    @Test func namesEverythingAnOperatorLooksForAndNoSecret() throws {
        let kube = KubeConfig(server: "https://10.0.0.1:6443", origin: "kubeconfig /home/ops/.kube/config, context prod")
        let recorder = LogRecorder()
        StartupSummary(configuration: try Self.configuration(), kubeConfig: kube).log(to: recorder.logger())
        let record = try #require(recorder.records.first)
        #expect(record.level == .info)
        #expect(record.message == "starting")
        let fields = record.metadata.mapValues { "\($0)" }
        #expect(fields["cluster"] == "prod-eu")
        #expect(fields["server"] == "https://10.0.0.1:6443")
        #expect(fields["context"] == "kubeconfig /home/ops/.kube/config, context prod")
        #expect(fields["namespaces"] == "shop,payments")
        #expect(fields["label_selector"] == "team=web")
        #expect(fields["kinds"] == "pods,deployments,configmaps")
        #expect(fields["destinations"] == "slack-ops (slack), audit (webhook)")
        #expect(fields["store"]?.hasPrefix("postgresql ") == true)
        #expect(fields["store"]?.contains("db.internal") == true)
        #expect(fields["dashboard"] == "http://127.0.0.1:8080/ (bearer token)")
        #expect(fields["leader_election"] == "on")
        #expect(fields["drain_timeout"] == "20s")
        let everything = record.message + fields.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        for secret in Self.secrets {
            #expect(!everything.contains(secret), "the summary shows a secret")
        }
    }

    @Test func defaultsReadPlainly() throws {
        let kube = KubeConfig(server: "https://kubernetes.default.svc", origin: "in-cluster")
        let summary = StartupSummary(configuration: MuninnConfiguration(), kubeConfig: kube)
        #expect(summary.namespaces == "all")
        #expect(summary.kinds == ["pods"])
        #expect(summary.destinations == "console (console)")
        #expect(summary.store == "sqlite muninn.db")
        #expect(summary.dashboard == "http://127.0.0.1:8080/ (no authentication)")
        #expect(summary.metadata["leader_election"] == "off")
        #expect(summary.metadata["drain_timeout"] == "25s")
    }
}
