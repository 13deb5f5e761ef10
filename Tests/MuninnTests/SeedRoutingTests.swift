import ArgumentParser
import Foundation
import MuninnCore
import Testing

@testable import Muninn

/// Each replaced tool's environment, with no file, gives the destinations and rules it implies.
@Suite struct SeedRoutingTests {
    private func configuration(_ environment: [String: String]) throws -> MuninnConfiguration {
        try GlobalOptions.parse([]).resolve(environment: environment)
    }

    private func alert(namespace: String = "prod", pod: String = "web-1", container: String? = "app") -> Alert {
        Alert(id: "x", kind: .crashed, cluster: "c", namespace: namespace, pod: pod, container: container, reason: "Error", occurredAt: Date(timeIntervalSince1970: 0))
    }

    @Test func johariMirror() throws {
        let configuration = try configuration(["SLACK_TOKEN": "xoxb-1", "SLACK_NOTIFICATION_CONFIG": "kube-system/*/*=,prod/*/*=#prod,dev/*/*=dev-alerts"])
        #expect(configuration.destinations.map(\.name) == ["slack"])
        guard case .slack(let slack) = configuration.destinations[0].settings else { Issue.record("not slack"); return }
        #expect(slack.token == SecretValue(value: "xoxb-1", source: .environment("SLACK_TOKEN")))
        #expect(slack.apiURL == "https://slack.com/api")
        #expect(slack.defaultChannel == nil)
        #expect(configuration.routing.containerRoutes?.destination == "slack")
        #expect(configuration.routing.rules.isEmpty)
        #expect(configuration.routing.defaultDestinations.isEmpty)
        #expect(configuration.alerts.restartThrottle)
        #expect(!configuration.alerts.recovery)

        let router = AlertRouter(rules: configuration.routing)
        #expect(router.route(alert(), labels: [:], annotations: [:]) == .deliver([DeliveryLane(destination: "slack", channel: "#prod")]))
        #expect(router.route(alert(namespace: "kube-system"), labels: [:], annotations: [:]) == .suppressed(reason: "muted by SLACK_NOTIFICATION_CONFIG rule 1"))
        #expect(router.route(alert(namespace: "qa"), labels: [:], annotations: [:]) == .suppressed(reason: "no SLACK_NOTIFICATION_CONFIG rule matches qa/web-1/app"))
        #expect(configuration.seed.recognised == ["SLACK_TOKEN", "SLACK_NOTIFICATION_CONFIG"])
    }

    @Test func podMonitor() throws {
        let configuration = try configuration(["CLUSTER_NAME": "prod-eu", "SLACK_TOKEN": "xoxb-2", "SLACK_CHANNEL": "crashes", "MAX_CRASHLOG_LENGTH": "4096"])
        #expect(configuration.clusterName == "prod-eu")
        guard case .slack(let slack) = configuration.destinations.first?.settings else { Issue.record("not slack"); return }
        #expect(slack.defaultChannel == "crashes")
        #expect(configuration.routing.defaultDestinations == [RouteTarget(destination: "slack")])
        #expect(configuration.alerts.logs.maxBytes == 4096)
        #expect(!configuration.alerts.restartThrottle)
        let router = AlertRouter(rules: configuration.routing)
        #expect(router.route(alert(namespace: "any"), labels: [:], annotations: [:]) == .deliver([DeliveryLane(destination: "slack", channel: nil)]))
        #expect(router.route(alert(), labels: [:], annotations: ["kube-slack/slack-channel": "#mine"]) == .deliver([DeliveryLane(destination: "slack", channel: "#mine")]))
    }

    @Test func podMonitorWithoutAChannelUsesItsDefaultChannel() throws {
        let configuration = try configuration(["CLUSTER_NAME": "prod-eu", "SLACK_TOKEN": "xoxb-2"])
        guard case .slack(let slack) = configuration.destinations.first?.settings else { Issue.record("not slack"); return }
        #expect(slack.defaultChannel == "pod-crash-alerts")
    }

    @Test func podMonitorWithNotificationsOffPrints() throws {
        let configuration = try configuration(["CLUSTER_NAME": "prod-eu", "SLACK_TOKEN": "xoxb-2", "SLACK_NOTIFY": "false"])
        #expect(configuration.destinations == [MuninnConfiguration.consoleDestination])
    }

    @Test func kubeDingTalk() throws {
        let configuration = try configuration([
            "DINGTALK_TOKEN": "abc123", "FLOOD_EXPIRE": "120000", "NOT_READY_MIN_TIME": "30000", "KUBE_NAMESPACES_ONLY": "shop,payments",
        ])
        #expect(configuration.destinations.map(\.name) == ["dingtalk"])
        guard case .dingtalk(let dingtalk) = configuration.destinations[0].settings else { Issue.record("not dingtalk"); return }
        #expect(dingtalk.token.value == "abc123")
        #expect(dingtalk.secret == nil)
        #expect(configuration.alerts.flood == AlertSettings.Flood(expiry: .seconds(120), window: .sliding))
        #expect(configuration.alerts.notReadyAfter == .seconds(30))
        #expect(configuration.alerts.recovery, "kube-dingtalk always sends recoveries")
        #expect(configuration.namespaces == ["shop", "payments"])
        #expect(configuration.routing.namespaces.include == [WildcardPattern("shop"), WildcardPattern("payments")])
        #expect(configuration.routing.defaultDestinations == [RouteTarget(destination: "dingtalk")])
        #expect(try self.configuration(["DINGTALK_TOKEN": "abc", "RECOVERY_ALERT": "false"]).alerts.recovery == false)
    }

    @Test func dingTalkTokenMayBeTheWholeWebhookURL() throws {
        let configuration = try configuration(["DINGTALK_TOKEN": "https://oapi.dingtalk.com/robot/send?access_token=abc", "DINGTALK_SECRET": "SEC1"])
        guard case .dingtalk(let dingtalk) = configuration.destinations[0].settings else { Issue.record("not dingtalk"); return }
        #expect(dingtalk.token.value == "https://oapi.dingtalk.com/robot/send?access_token=abc")
        #expect(dingtalk.secret?.value == "SEC1")
        let error = try #require(throws: ConfigurationError.self) { try self.configuration(["DINGTALK_TOKEN": "https://oapi.dingtalk.com/robot/send"]) }
        #expect(error.key == "DINGTALK_TOKEN")
    }

    @Test func johariAndDingTalkTogether() throws {
        let configuration = try configuration(["SLACK_TOKEN": "xoxb-1", "SLACK_NOTIFICATION_CONFIG": "prod/*/*=#prod", "DINGTALK_TOKEN": "abc"])
        #expect(configuration.destinations.map(\.name) == ["slack", "dingtalk"])
        let router = AlertRouter(rules: configuration.routing)
        #expect(router.route(alert(), labels: [:], annotations: [:]) == .deliver([DeliveryLane(destination: "dingtalk", channel: nil), DeliveryLane(destination: "slack", channel: "#prod")]))
        #expect(router.route(alert(namespace: "dev"), labels: [:], annotations: [:]) == .deliver([DeliveryLane(destination: "dingtalk", channel: nil)]))
    }

    @Test func slackAPIURLOverridesTheBase() throws {
        let configuration = try configuration(["SLACK_TOKEN": "xoxb-1", "SLACK_CHANNEL": "#a", "SLACK_API_URL": "http://127.0.0.1:9999/api"])
        guard case .slack(let slack) = configuration.destinations[0].settings else { Issue.record("not slack"); return }
        #expect(slack.apiURL == "http://127.0.0.1:9999/api")
        let error = try #require(throws: ConfigurationError.self) { try self.configuration(["SLACK_TOKEN": "x", "SLACK_CHANNEL": "#a", "SLACK_API_URL": "slack.com"]) }
        #expect(error.key == "SLACK_API_URL")
    }

    @Test func secretsFromFiles() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let slackPath = try files.write("slack", "xoxb-file\n")
        let dingPath = try files.write("ding", " abc \n")
        let secretPath = try files.write("secret", "SECx")
        let configuration = try configuration([
            "SLACK_TOKEN_FILE": slackPath, "SLACK_CHANNEL": "#a", "DINGTALK_TOKEN_FILE": dingPath, "DINGTALK_SECRET_FILE": secretPath,
        ])
        guard case .slack(let slack) = configuration.destinations[0].settings, case .dingtalk(let dingtalk) = configuration.destinations[1].settings else {
            Issue.record("unexpected destinations"); return
        }
        #expect(slack.token == SecretValue(value: "xoxb-file", source: .file(slackPath)))
        #expect(dingtalk.token == SecretValue(value: "abc", source: .file(dingPath)))
        #expect(dingtalk.secret == SecretValue(value: "SECx", source: .file(secretPath)))
        #expect(configuration.seed.recognised == ["SLACK_TOKEN_FILE", "SLACK_CHANNEL", "DINGTALK_TOKEN_FILE", "DINGTALK_SECRET_FILE"])
    }

    @Test(arguments: [
        (["SLACK_TOKEN_FILE": "/nonexistent/muninn/token", "SLACK_CHANNEL": "#a"], "SLACK_TOKEN_FILE", "no such file: /nonexistent/muninn/token"),
        (["SLACK_TOKEN": "x", "SLACK_TOKEN_FILE": "/t", "SLACK_CHANNEL": "#a"], "SLACK_TOKEN_FILE", "set either SLACK_TOKEN or SLACK_TOKEN_FILE, not both"),
        (["SLACK_TOKEN": "x"], "SLACK_TOKEN", "set, but neither SLACK_NOTIFICATION_CONFIG nor SLACK_CHANNEL says where to post"),
        (["SLACK_NOTIFICATION_CONFIG": "*/*/*=#a"], "SLACK_NOTIFICATION_CONFIG", "set, but SLACK_TOKEN (or SLACK_TOKEN_FILE) is not"),
        (["DINGTALK_SECRET": "SEC"], "DINGTALK_SECRET", "set, but DINGTALK_TOKEN (or DINGTALK_TOKEN_FILE) is not"),
        (["DINGTALK_TOKEN": "a token"], "DINGTALK_TOKEN", "expected a DingTalk access_token or the robot's whole webhook URL"),
    ])
    func mistakesNameTheVariable(_ environment: [String: String], _ key: String, _ message: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try configuration(environment) }
        #expect(error.file == "environment")
        #expect(error.key == key)
        #expect(error.message == message)
    }

    @Test func aFileWithDestinationsReplacesTheEnvironments() throws {
        var base = MuninnConfiguration()
        try base.applySeedEnvironment(["SLACK_TOKEN": "xoxb-1", "SLACK_NOTIFICATION_CONFIG": "*/*/*=#a"])
        let configuration = try MuninnConfiguration.parse("destinations:\n  out: {type: console}\n", file: "m.yaml", over: base)
        #expect(configuration.destinations.map(\.name) == ["out"])
        #expect(configuration.routing.containerRoutes == nil)
        #expect(configuration.routing.defaultDestinations == [RouteTarget(destination: "out")])
        // Settings the file does not mention keep the environment's values.
        #expect(configuration.alerts.restartThrottle)
    }
}

@Suite struct PipelineSettingsTests {
    @Test func configurationFeedsThePipelineStages() throws {
        let configuration = try MuninnConfiguration.parse(
            """
            destinations:
              out: {type: console}
            alerts:
              flood: {expiry: 2m, window: fixed}
              restartThrottle: true
              threading: {enabled: false, window: 1h}
            delivery:
              maxAge: 3h
              retry: {initial: 1s, max: 1m}
            """, file: "m.yaml")
        #expect(!configuration.enrichmentSettings.threading)
        let delivery = configuration.deliverySettings
        #expect(delivery.retry == RetryPolicy(initial: .seconds(1), maximum: .seconds(60)))
        #expect(delivery.maximumAge == .seconds(3 * 3600))
        #expect(delivery.threadWindow == .seconds(3600))
        #expect(configuration.alerts.floodControl?.expiry == 120)
        #expect(configuration.alerts.floodControl?.window == .fixed)

        let incident = Incident(
            kind: .containerTerminated, namespace: "shop", podName: "web-1", podUID: "u", container: "app", identity: "u/app/1",
            observedAt: Date(timeIntervalSince1970: 0), annotations: ["muninn.io/ignore": "true"])
        let alert = Alert(id: "u/app/1", kind: .crashed, cluster: "c", namespace: "shop", pod: "web-1", container: "app", occurredAt: Date(timeIntervalSince1970: 0))
        #expect(configuration.route(alert, incident) == .suppressed(reason: "pod annotation muninn.io/ignore"))
        var plain = incident
        plain.annotations = [:]
        #expect(configuration.route(alert, plain) == .deliver([DeliveryLane(destination: "out", channel: nil)]))
    }
}

@Suite struct ConfigurationSummaryTests {
    @Test func seedsAreListedAndSecretsHidden() throws {
        let configuration = try GlobalOptions.parse([]).resolve(environment: [
            "SLACK_TOKEN": "xoxb-very-secret", "SLACK_NOTIFICATION_CONFIG": "kube-system/*/*=,prod/*/*=#prod", "FLOOD_EXPIRE": "120000",
        ])
        let lines = ConfigurationSummary(configuration: configuration).lines
        #expect(lines.contains("  slack (slack): token: set (from SLACK_TOKEN), default channel: none"))
        #expect(lines.contains("  SLACK_NOTIFICATION_CONFIG -> slack, first match decides, no match sends nothing:"))
        #expect(lines.contains("    1. kube-system/*/* -> muted"))
        #expect(lines.contains("    2. prod/*/* -> #prod"))
        #expect(lines.contains("  flood control: 2m sliding window, restart throttle (1-10, then every 24th): on"))
        #expect(lines.contains("environment of replaced tools (johari-mirror, kube-dingtalk): SLACK_TOKEN, SLACK_NOTIFICATION_CONFIG, FLOOD_EXPIRE"))
        #expect(!lines.joined().contains("very-secret"))
    }

    @Test func withoutRoutesEveryAlertGoesToEveryDestination() throws {
        let configuration = try MuninnConfiguration.parse("destinations:\n  a: {type: console}\n  b: {type: webhook, url: 'https://x.example/h'}\n", file: "m.yaml")
        #expect(ConfigurationSummary(configuration: configuration).routingLines.contains("  every alert -> a, b"))
    }
}

@Suite struct SeedSecretTrimmingTests {
    @Test func aTrailingNewlineIsNotPartOfTheToken() throws {
        let seed = try SeedEnvironment(["SLACK_TOKEN": "xoxb-1\n", "SLACK_CHANNEL": "#a"])
        #expect(seed.slackToken?.value == "xoxb-1")
    }
}
