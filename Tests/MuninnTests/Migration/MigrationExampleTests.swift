import ArgumentParser
import Foundation
import Logging
import MuninnCore
import Testing

@testable import Muninn

/// The claims of docs/migrating/: each replaced tool's documented example environment, verbatim from its README
/// (or its shipped defaults), is accepted by Muninn unchanged and means what the guide says.
@Suite struct MigrationExampleTests {
    private func resolve(_ environment: [String: String]) throws -> MuninnConfiguration {
        try GlobalOptions.parse([]).resolve(environment: environment)
    }

    private func route(_ configuration: MuninnConfiguration, namespace: String, pod: String, container: String = "app") -> RoutingDecision {
        let alert = Alert(
            id: "x", kind: .crashed, cluster: configuration.clusterName, namespace: namespace, pod: pod, container: container, reason: "Error",
            occurredAt: Date(timeIntervalSince1970: 0))
        return AlertRouter(rules: configuration.routing).route(alert, labels: [:], annotations: [:])
    }

    // MARK: johari-mirror (docs/migrating/johari-mirror.md)

    /// README: "`kube-system/coredns-*/*=monitoring-coredns,kube-system/*/*=,*/*/*=monitoring`".
    @Test func johariMirrorReadmeRoutingTable() throws {
        let configuration = try resolve([
            "SLACK_TOKEN": "xoxb-0000-from-the-secret",
            "SLACK_NOTIFICATION_CONFIG": "kube-system/coredns-*/*=monitoring-coredns,kube-system/*/*=,*/*/*=monitoring",
        ])
        #expect(configuration.seed.tools == [.johariMirror])
        #expect(configuration.destinations.map(\.name) == ["slack"])
        #expect(configuration.alerts.restartThrottle, "johari-mirror's 1-10 then every 24th")
        #expect(!configuration.alerts.recovery)
        #expect(route(configuration, namespace: "kube-system", pod: "coredns-5d78c9869d-abcde") == .deliver([DeliveryLane(destination: "slack", channel: "monitoring-coredns")]))
        #expect(route(configuration, namespace: "kube-system", pod: "kube-proxy-x2v9q") == .suppressed(reason: "muted by SLACK_NOTIFICATION_CONFIG rule 2"))
        #expect(route(configuration, namespace: "shop", pod: "web-1") == .deliver([DeliveryLane(destination: "slack", channel: "monitoring")]))
    }

    /// README: "`*/*/*=monitoring`": every restart to one channel.
    @Test func johariMirrorReadmeSingleChannel() throws {
        let configuration = try resolve(["SLACK_TOKEN": "xoxb-1", "SLACK_NOTIFICATION_CONFIG": "*/*/*=monitoring"])
        #expect(route(configuration, namespace: "any", pod: "p") == .deliver([DeliveryLane(destination: "slack", channel: "monitoring")]))
    }

    /// johari-mirror keeps the spaces of `a/b/c=x, */*/*=y`, so its second rule never matches; Muninn trims them.
    @Test func johariMirrorSpacesAroundRulesAreTrimmed() throws {
        let configuration = try resolve(["SLACK_TOKEN": "xoxb-1", "SLACK_NOTIFICATION_CONFIG": "prod/*/*=#prod, */*/*=#rest"])
        #expect(route(configuration, namespace: "dev", pod: "p") == .deliver([DeliveryLane(destination: "slack", channel: "#rest")]))
    }

    // MARK: kube-dingtalk (docs/migrating/kube-dingtalk.md)

    /// README's Deployment: `DINGTALK_TOKEN`, `FLOOD_EXPIRE: "120000"`, `NOT_READY_MIN_TIME: "120000"`.
    @Test func kubeDingTalkReadmeDeployment() throws {
        let configuration = try resolve(["DINGTALK_TOKEN": "xxxxxxxxxxxxx", "FLOOD_EXPIRE": "120000", "NOT_READY_MIN_TIME": "120000"])
        #expect(configuration.seed.tools == [.kubeDingTalk])
        guard case .dingtalk(let dingtalk) = configuration.destinations.first?.settings else {
            Issue.record("no dingtalk destination: \(configuration.destinations)")
            return
        }
        #expect(dingtalk.token.value == "xxxxxxxxxxxxx")
        #expect(dingtalk.keyword == "Kubernetes")
        #expect(configuration.alerts.flood == AlertSettings.Flood(expiry: .seconds(120), window: .sliding))
        #expect(configuration.alerts.notReadyAfter == .seconds(120))
        #expect(configuration.alerts.recovery, "kube-dingtalk always sends recoveries")
        #expect(configuration.namespaces.isEmpty)
        #expect(route(configuration, namespace: "shop", pod: "web-1") == .deliver([DeliveryLane(destination: "dingtalk", channel: nil)]))
    }

    /// The README's commented-out lines, uncommented: `TICK_RATE: "60000"`, `KUBE_NAMESPACES_ONLY: kube-system`.
    @Test func kubeDingTalkReadmeOptionalVariables() throws {
        let configuration = try resolve([
            "DINGTALK_TOKEN": "xxxxxxxxxxxxx", "TICK_RATE": "60000", "KUBE_NAMESPACES_ONLY": "kube-system", "KUBE_USE_CLUSTER": "true",
            "KUBE_USE_KUBECONFIG": "false",
        ])
        #expect(configuration.namespaces == ["kube-system"])
        #expect(configuration.seed.tickRate == .seconds(60))
        #expect(configuration.seed.useKubeconfig == false, "kube-dingtalk reads the string \"false\" as true")
        #expect(try resolve(["DINGTALK_TOKEN": "t", "KUBE_NAMESPACES_ONLY": #"["shop","payments"]"#]).namespaces == ["shop", "payments"])
        // The README's own example list, `foo_namespace,bar_namespace`, names no valid namespace: an error, not silence.
        let error = try #require(throws: ConfigurationError.self) { try resolve(["DINGTALK_TOKEN": "t", "KUBE_NAMESPACES_ONLY": "foo_namespace,bar_namespace"]) }
        #expect(error.key == "KUBE_NAMESPACES_ONLY")
    }

    /// kube-dingtalk's README says to set `DINGTALK_TOKEN` "to the Webhook URL"; Muninn accepts that too.
    @Test func kubeDingTalkTokenAsTheWebhookURL() throws {
        let configuration = try resolve(["DINGTALK_TOKEN": "https://oapi.dingtalk.com/robot/send?access_token=xxxxxxxxxxxxx"])
        guard case .dingtalk(let dingtalk) = configuration.destinations.first?.settings else {
            Issue.record("no dingtalk destination")
            return
        }
        #expect(dingtalk.token.value.hasSuffix("access_token=xxxxxxxxxxxxx"))
    }

    // MARK: Kubernetes Pod Monitor (docs/migrating/kubernetes-pod-monitor.md)

    /// Its `config/application.yml` keys as environment variables, with the Helm chart's `SLACK_NOTIFY: true`:
    /// the ones Muninn has a meaning for are read, the rest (MySQL, AWS, its web server) are ignored.
    @Test func podMonitorShippedSettings() throws {
        let configuration = try resolve([
            "CLUSTER_NAME": "dev-001", "DEPLOY_ENV": "production", "SERVER_PORT": "8080", "LOG_LEVEL": "INFO", "CHECK_INTERVAL": "15",
            "MAX_RETRIES": "10", "MAX_PARALLELISM": "30", "MAX_CRASHLOG_LENGTH": "1000000", "SLACK_TOKEN": "xoxb-0000", "SLACK_CHANNEL": "pod-crash-alerts",
            "SLACK_NOTIFY": "true", "SQL_HOST": "mysql", "SQL_PORT": "3306", "SQL_USERNAME": "root", "SQL_PASSWORD": "secret",
            "SQL_DBNAME": "kubernetes_pod_monitor", "SQL_TABLE_NAME": "k8s_crash_monitor", "ELASTICSEARCH_URL": "elasticsearch-master",
            "ELASTICSEARCH_PORT": "9200", "ELASTICSEARCH_SCHEME": "http", "ELASTICSEARCH_INDEX": "k8s-crash-monitor-",
            "ELASTICSEARCH_DASHBOARD": "https://kibana.example.com/app/dashboards", "ELASTICSEARCH_BUFFER_SIZE": "100",
            "ELASTICSEARCH_BATCH_SIZE": "1", "ELASTICSEARCH_FLUSH_SECONDS": "30", "AWS_REGION": "eu-west-1",
        ])
        #expect(configuration.seed.tools == [.podMonitor])
        #expect(configuration.clusterName == "dev-001")
        #expect(configuration.destinations.map(\.name) == ["slack", "elasticsearch"])
        guard case .slack(let slack) = configuration.destinations[0].settings, case .elasticsearch(let elasticsearch) = configuration.destinations[1].settings else {
            Issue.record("unexpected destinations: \(configuration.destinations)")
            return
        }
        #expect(slack.defaultChannel == "pod-crash-alerts")
        #expect(elasticsearch.url == "http://elasticsearch-master:9200")
        #expect(elasticsearch.indexPrefix == "k8s-crash-monitor")
        #expect(elasticsearch.maximumLogBytes == 1_000_000)
        #expect(configuration.alerts.logs.maxBytes == 1_000_000)
        #expect(configuration.logLevel == .info, "LOG_LEVEL is the Pod Monitor's own; Muninn's is MUNINN_LOG_LEVEL")
        #expect(configuration.seed.recognised == [
            "SLACK_TOKEN", "SLACK_CHANNEL", "SLACK_NOTIFY", "CLUSTER_NAME", "MAX_CRASHLOG_LENGTH", "CHECK_INTERVAL", "ELASTICSEARCH_URL",
            "ELASTICSEARCH_SCHEME", "ELASTICSEARCH_PORT", "ELASTICSEARCH_INDEX",
        ])
        // Every alert goes to the channel and to Elasticsearch.
        #expect(route(configuration, namespace: "prometheus", pod: "prometheus-server-68bf5b8675-bxpq6")
            == .deliver([DeliveryLane(destination: "slack", channel: nil), DeliveryLane(destination: "elasticsearch", channel: nil)]))
    }

    /// `application.yml` ships `SLACK_NOTIFY: false`: Elasticsearch only, like the Pod Monitor itself.
    @Test func podMonitorWithSlackOff() throws {
        let configuration = try resolve(["CLUSTER_NAME": "dev-001", "SLACK_TOKEN": "xoxb-0000", "SLACK_NOTIFY": "false", "ELASTICSEARCH_URL": "http://es:9200"])
        #expect(configuration.destinations.map(\.name) == ["elasticsearch"])
    }

    /// The configuration file docs/migrating/kubernetes-pod-monitor.md gives for the MySQL routing and mute rows.
    @Test func podMonitorTablesAsAConfigurationFile() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let guide = try String(contentsOf: repository.appendingPathComponent("docs/migrating/kubernetes-pod-monitor.md"), encoding: .utf8)
        let start = try #require(guide.range(of: "```yaml\n"))
        let end = try #require(guide.range(of: "```", range: start.upperBound..<guide.endIndex))
        let files = try TemporaryFiles()
        defer { files.remove() }
        let token = try files.write("slack-token", "xoxb-0000")
        let yaml = String(guide[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "/etc/muninn/secrets/slack-token", with: token)
        var configuration = try MuninnConfiguration.parse(yaml, file: files.path("muninn.yaml"))
        configuration.clusterName = "prod"
        #expect(route(configuration, namespace: "payments", pod: "api-1")
            == .deliver([DeliveryLane(destination: "elasticsearch", channel: nil), DeliveryLane(destination: "slack", channel: "#payments")]))
        #expect(route(configuration, namespace: "shop", pod: "web-1")
            == .deliver([DeliveryLane(destination: "elasticsearch", channel: nil), DeliveryLane(destination: "slack", channel: nil)]))
        guard case .suppressed = route(configuration, namespace: "batch", pod: "nightly-1", container: "cleanup") else {
            Issue.record("the mute did not apply")
            return
        }
    }
}
