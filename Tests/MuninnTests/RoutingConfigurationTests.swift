import Foundation
import MuninnCore
import Testing

@testable import Muninn

@Suite struct RoutingConfigurationTests {
    /// docs/examples/muninn.yaml, with its secret paths pointing into `files`.
    private func loadExample(_ files: TemporaryFiles) throws -> MuninnConfiguration {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let example = try String(contentsOf: repository.appendingPathComponent("docs/examples/muninn.yaml"), encoding: .utf8)
        try files.write("secrets/slack-token", "xoxb-example\n")
        try files.write("secrets/payments-webhook-url", "  https://hooks.slack.com/services/T0/B0/X0\n")
        try files.write("secrets/dingtalk-token", "https://oapi.dingtalk.com/robot/send?access_token=abc123")
        try files.write("secrets/dingtalk-secret", "SECexample")
        try files.write("secrets/audit-signing-secret", "whsec_c2VjcmV0")
        let text = example.replacingOccurrences(of: "/etc/muninn/secrets/", with: files.path("secrets") + "/")
        let file = try files.write("muninn.yaml", text)
        return try MuninnConfiguration.load(file: file)
    }

    @Test func theDocumentedExampleLoads() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let configuration = try loadExample(files)

        #expect(configuration.destinations.map(\.name) == ["slack-ops", "slack-payments", "dingtalk", "audit", "stdout"])
        #expect(configuration.destinations.map(\.kind) == [.slack, .slackWebhook, .dingtalk, .webhook, .console])
        guard case .slack(let slack) = configuration.destinations[0].settings else { Issue.record("not slack"); return }
        #expect(slack.token == SecretValue(value: "xoxb-example", source: .file(files.path("secrets") + "/slack-token")))
        #expect(slack.defaultChannel == "#k8s-alerts")
        guard case .slackWebhook(let hook) = configuration.destinations[1].settings else { Issue.record("not a webhook"); return }
        #expect(hook.url.value == "https://hooks.slack.com/services/T0/B0/X0")
        guard case .dingtalk(let dingtalk) = configuration.destinations[2].settings else { Issue.record("not dingtalk"); return }
        #expect(dingtalk.secret?.value == "SECexample")
        #expect(dingtalk.atMobiles == ["13800000000"])
        guard case .webhook(let audit) = configuration.destinations[3].settings else { Issue.record("not a webhook"); return }
        #expect(audit.headers == [WebhookDestinationSettings.Header(name: "X-Team", value: "platform")])
        #expect(audit.requestTimeout == .seconds(10))

        let routing = configuration.routing
        #expect(routing.rules.map(\.name) == ["audit-everything", "quiet-batch", "payments", "oom-to-dingtalk", "everything-else"])
        #expect(routing.defaultDestinations.isEmpty)
        #expect(routing.unknownDestinationNames.isEmpty)
        #expect(routing.mutes.count == 3)
        #expect(routing.mutes[2].until == ISO8601DateFormatter().date(from: "2026-12-31T00:00:00Z"))
        #expect(routing.namespaces.exclude.map(\.text) == ["kube-system", "kube-public"])

        #expect(configuration.alerts.notReadyAfter == .seconds(120))
        #expect(configuration.alerts.recovery)
        #expect(configuration.alerts.flood == AlertSettings.Flood(expiry: .seconds(60), window: .sliding))
        #expect(configuration.alerts.threading == AlertSettings.Threading(enabled: true, window: .seconds(86_400)))
        #expect(configuration.alerts.logs == AlertSettings.Logs(tailLines: 500, maxBytes: 131_072))
        #expect(configuration.store.path == "/var/lib/muninn/muninn.db")
        #expect(configuration.delivery == DeliverySettings(maxAge: .seconds(86_400), initialRetry: .seconds(5), maxRetry: .seconds(300)))

        // And the rules route as the comments in the example say.
        let router = AlertRouter(rules: routing)
        func alert(_ namespace: String, pod: String = "web-1", container: String = "app", reason: String = "Error", kind: Alert.Kind = .crashed) -> Alert {
            Alert(id: "x", kind: kind, cluster: "prod-eu", namespace: namespace, pod: pod, container: container, workload: Alert.Workload(kind: "Deployment", name: "api-v2"), reason: reason, occurredAt: Date(timeIntervalSince1970: 1_800_000_000))
        }
        func lane(_ name: String, _ channel: String? = nil) -> DeliveryLane { DeliveryLane(destination: name, channel: channel) }
        #expect(router.route(alert("payments"), labels: ["team": "payments"], annotations: [:])
            == .deliver([lane("audit"), lane("slack-payments"), lane("slack-ops", "#payments-oncall")]))
        #expect(router.route(alert("payments"), labels: ["team": "payments", "canary": "1"], annotations: [:])
            == .deliver([lane("audit"), lane("slack-ops"), lane("stdout")]))
        #expect(router.route(alert("web", reason: "OOMKilled"), labels: [:], annotations: [:])
            == .deliver([lane("audit"), lane("dingtalk"), lane("slack-ops"), lane("stdout")]))
        #expect(router.route(alert("batch-nightly", kind: .notReady), labels: [:], annotations: [:]) == .deliver([lane("audit")]))
        #expect(router.route(alert("kube-system"), labels: [:], annotations: [:]) == .suppressed(reason: "namespace kube-system excluded"))
        #expect(router.route(alert("shop", container: "istio-proxy"), labels: [:], annotations: [:]) == .suppressed(reason: "muted (sidecar restarts with the app)"))
        #expect(router.route(alert("batch", container: "cleanup"), labels: [:], annotations: [:]) == .suppressed(reason: "muted by mute batch/*/cleanup"))

        // check-config's summary shows where secrets came from, never their values.
        let summary = ConfigurationSummary(configuration: configuration).lines.joined(separator: "\n")
        #expect(summary.contains("slack-ops (slack): token: set (from file \(files.path("secrets"))/slack-token)"))
        #expect(summary.contains("rule 'payments': namespace payments|billing, label team=payments, label canary absent -> slack-payments, slack-ops #payments-oncall"))
        for secret in ["xoxb-example", "hooks.slack.com", "abc123", "SECexample", "whsec_c2VjcmV0", "platform"] {
            #expect(!summary.contains(secret), "summary shows \(secret)")
        }
    }

    @Test func destinationsAsAListOrAMapAreTheSame() throws {
        let map = try MuninnConfiguration.parse(
            """
            destinations:
              ops: {type: slack, token: xoxb-1, defaultChannel: "#a"}
              hook: {type: webhook, url: "https://example.com/x"}
            """, file: "m.yaml")
        let list = try MuninnConfiguration.parse(
            """
            destinations:
              - {name: ops, type: slack, token: xoxb-1, defaultChannel: "#a"}
              - name: hook
                type: webhook
                url: https://example.com/x
            """, file: "m.yaml")
        #expect(map.destinations == list.destinations)
        #expect(map.routing == list.routing)
        // Without routes every alert goes to every destination.
        #expect(map.routing.defaultDestinations == [RouteTarget(destination: "ops"), RouteTarget(destination: "hook")])
    }

    @Test func withoutDestinationsAlertsArePrinted() throws {
        let configuration = try MuninnConfiguration.parse("cluster:\n  name: x\n", file: "m.yaml")
        #expect(configuration.destinations == [MuninnConfiguration.consoleDestination])
        #expect(configuration.routing.defaultDestinations == [RouteTarget(destination: "console")])
        #expect(configuration.store.path == "muninn.db")
    }

    @Test func secretsAreTrimmedAndRelativeFilesAreNextToTheConfiguration() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("conf/token", "\n  xoxb-from-file \n\n")
        let file = try files.write("conf/muninn.yaml", "destinations:\n  ops:\n    type: slack\n    tokenFile: token\n    defaultChannel: '#a'\n")
        let configuration = try MuninnConfiguration.load(file: file)
        guard case .slack(let slack) = configuration.destinations.first?.settings else { Issue.record("not slack"); return }
        #expect(slack.token.value == "xoxb-from-file")
        #expect(slack.token.summary == "set (from file token)")
        #expect("\(slack.token)" == "<secret>")
        let inline = try MuninnConfiguration.parse("destinations:\n  ops: {type: slack, token: '  xoxb-2 ', defaultChannel: '#a'}\n", file: "m.yaml")
        guard case .slack(let slack2) = inline.destinations.first?.settings else { Issue.record("not slack"); return }
        #expect(slack2.token == SecretValue(value: "xoxb-2", source: .inline))
    }

    @Test func routesAloneUseTheEnvironmentsDestinations() throws {
        var base = MuninnConfiguration()
        try base.applySeedEnvironment(["SLACK_TOKEN": "xoxb-1", "SLACK_CHANNEL": "#crash"])
        let configuration = try MuninnConfiguration.parse(
            "routes:\n  - match: {namespace: prod}\n    destinations: [slack]\n", file: "m.yaml", over: base)
        #expect(configuration.destinations.map(\.name) == ["slack"])
        #expect(configuration.routing.rules.map(\.name) == ["route 1"])
        #expect(configuration.routing.defaultDestinations.isEmpty)
    }

    @Test func namespacesIncludeWithoutWildcardsNarrowsTheWatch() throws {
        let literal = try MuninnConfiguration.parse("namespaces:\n  include: [shop, payments]\n", file: "m.yaml")
        #expect(literal.namespaces == ["shop", "payments"])
        let wildcard = try MuninnConfiguration.parse("namespaces:\n  include: [shop-*]\n  exclude: shop-test\n", file: "m.yaml")
        #expect(wildcard.namespaces.isEmpty)
        #expect(wildcard.routing.namespaces == NamespaceFilter(include: [WildcardPattern("shop-*")], exclude: [WildcardPattern("shop-test")]))
    }

    @Test func containerRoutesInTheFile() throws {
        let configuration = try MuninnConfiguration.parse(
            """
            destinations:
              slack: {type: slack, token: xoxb-1}
            containerRoutes:
              destination: slack
              rules: ["prod/*/*=#prod", "*/*/*="]
            """, file: "m.yaml")
        let table = try #require(configuration.routing.containerRoutes)
        #expect(table.routes.decide(namespace: "prod", pod: "a", container: "b") == .deliver(channel: "#prod", rule: 1))
        #expect(configuration.routing.defaultDestinations.isEmpty)
    }

    @Test func alertSettingsTurnOff() throws {
        let configuration = try MuninnConfiguration.parse("alerts:\n  notReadyAfter: off\n  flood: {expiry: 0}\n  threading: {enabled: false}\n", file: "m.yaml")
        #expect(configuration.alerts.notReadyAfter == nil)
        #expect(configuration.alerts.floodControl == nil)
        #expect(configuration.alerts.detectorConfiguration.notReadyThreshold == nil)
        #expect(!configuration.alerts.threading.enabled)
    }

    @Test(arguments: [
        ("30s", Duration.seconds(30)), ("5m", .seconds(300)), ("1h", .seconds(3600)), ("1h30m", .seconds(5400)), ("500ms", .milliseconds(500)),
        ("2d", .seconds(172_800)), ("90", .seconds(90)), ("1.5", .milliseconds(1500)), ("0", .zero),
    ])
    func durations(_ text: String, _ expected: Duration) {
        #expect(ConfigDuration.parse(text) == expected)
    }

    @Test(arguments: ["", "fast", "5x", "m5", "-3", "1h-5m", "5 m"])
    func badDurations(_ text: String) {
        #expect(ConfigDuration.parse(text) == nil)
    }

    @Test(arguments: [(Duration.seconds(90), "1m30s"), (.seconds(86_400), "1d"), (.milliseconds(1500), "1500ms"), (.zero, "0s")])
    func durationText(_ duration: Duration, _ text: String) {
        #expect(ConfigDuration.text(duration) == text)
    }
}

@Suite struct NamespaceWatchTests {
    @Test func watchNamespacesWinOverInclude() throws {
        let configuration = try MuninnConfiguration.parse("watch:\n  namespaces: [a]\nnamespaces:\n  include: [a, b]\n", file: "m.yaml")
        #expect(configuration.namespaces == ["a"])
        let selectorOnly = try MuninnConfiguration.parse("watch:\n  labelSelector: x=y\nnamespaces:\n  include: [a, b]\n", file: "m.yaml")
        #expect(selectorOnly.namespaces == ["a", "b"])
    }
}
