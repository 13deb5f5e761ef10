import Foundation
import Testing

@testable import MuninnCore

@Suite struct AlertRouterTests {
    typealias S = RoutingSamples

    private func route(
        _ rules: RoutingRules, _ alert: Alert = S.alert(), labels: [String: String] = [:], annotations: [String: String] = [:]
    ) -> RoutingDecision {
        AlertRouter(rules: rules).route(alert, labels: labels, annotations: annotations)
    }

    private var everythingToSlack: RoutingRules {
        RoutingRules(destinations: S.destinations, defaultDestinations: [RouteTarget(destination: "slack", channel: "#alerts")])
    }

    // MARK: Defaults

    @Test func defaultsTakeAlertsNoRuleMatches() {
        #expect(route(everythingToSlack) == .deliver([S.lane("slack", "#alerts")]))
    }

    @Test func noDefaultsAndNoMatchSuppresses() {
        let rules = RoutingRules(destinations: S.destinations, rules: [RoutingRule(name: "pay", match: RouteMatch(namespaces: S.patterns("payments")), destinations: [RouteTarget(destination: "ops")])])
        #expect(route(rules) == .suppressed(reason: "no route matches"))
    }

    // MARK: Opt-out annotations

    @Test(arguments: [
        (["kube-slack/ignore-pod": "true"], "pod annotation kube-slack/ignore-pod"),
        (["kube-slack/ignore-pod": "yes please"], "pod annotation kube-slack/ignore-pod"),
        (["muninn.io/ignore": "true"], "pod annotation muninn.io/ignore"),
        (["muninn.io/ignore": "TRUE", "kube-slack/ignore-pod": "true"], "pod annotation muninn.io/ignore"),
    ])
    func optOutAnnotationsSuppress(_ annotations: [String: String], _ reason: String) {
        #expect(route(everythingToSlack, annotations: annotations) == .suppressed(reason: reason))
    }

    @Test(arguments: ["false", "no", "0", "off", "", "  "])
    func optOutSaysWhatItMeans(_ value: String) {
        #expect(route(everythingToSlack, annotations: ["kube-slack/ignore-pod": value, "muninn.io/ignore": value]) == .deliver([S.lane("slack", "#alerts")]))
    }

    @Test func annotationsCanBeIgnoredAltogether() {
        var rules = everythingToSlack
        rules.honourPodAnnotations = false
        #expect(route(rules, annotations: ["muninn.io/ignore": "true", "muninn.io/channel": "#x"]) == .deliver([S.lane("slack", "#alerts")]))
    }

    // MARK: Namespaces

    @Test(arguments: [
        ("kube-system", "namespace kube-system excluded"), ("kube-public", "namespace kube-public excluded"),
        ("dev", "namespace dev not included"), ("shop", nil), ("shop-eu", nil),
    ] as [(String, String?)])
    func namespaceFilterExcludeWinsOverInclude(_ namespace: String, _ reason: String?) {
        var rules = everythingToSlack
        rules.namespaces = NamespaceFilter(include: S.patterns("shop*", "kube-*"), exclude: S.patterns("kube-*"))
        let expected: RoutingDecision = reason.map { .suppressed(reason: $0) } ?? .deliver([S.lane("slack", "#alerts")])
        #expect(route(rules, S.alert(namespace: namespace)) == expected)
    }

    @Test func optOutIsCheckedBeforeTheNamespace() {
        var rules = everythingToSlack
        rules.namespaces = NamespaceFilter(exclude: S.patterns("shop"))
        #expect(route(rules, annotations: ["muninn.io/ignore": "1"]) == .suppressed(reason: "pod annotation muninn.io/ignore"))
    }

    // MARK: Mutes

    @Test func mutesMatchContainersWithWildcards() {
        var rules = everythingToSlack
        rules.mutes = [Mute(namespace: WildcardPattern("shop"), container: WildcardPattern("side*"), reason: "noisy sidecar")]
        #expect(route(rules, S.alert(container: "sidecar")) == .suppressed(reason: "muted (noisy sidecar)"))
        #expect(route(rules, S.alert(container: "app")) == .deliver([S.lane("slack", "#alerts")]))
        #expect(route(rules, S.alert(namespace: "dev", container: "sidecar")) == .deliver([S.lane("slack", "#alerts")]))
    }

    @Test func muteWithoutReasonNamesItsPatterns() {
        var rules = everythingToSlack
        rules.mutes = [Mute(namespace: WildcardPattern("shop"), pod: WildcardPattern("web-*"))]
        #expect(route(rules) == .suppressed(reason: "muted by mute shop/web-*/*"))
    }

    @Test func muteEndsAtItsUntilTime() {
        var rules = everythingToSlack
        rules.mutes = [Mute(namespace: WildcardPattern("shop"), until: S.start.addingTimeInterval(60))]
        let router = AlertRouter(rules: rules)
        #expect(router.route(S.alert(at: S.start.addingTimeInterval(59)), labels: [:], annotations: [:]) == .suppressed(reason: "muted by mute shop/*/*"))
        #expect(router.route(S.alert(at: S.start.addingTimeInterval(60)), labels: [:], annotations: [:]) == .deliver([S.lane("slack", "#alerts")]))
        #expect(router.route(S.alert(), labels: [:], annotations: [:], at: S.start.addingTimeInterval(120)) == .deliver([S.lane("slack", "#alerts")]))
    }

    @Test func muteByClusterAndPodLevelAlerts() {
        var rules = everythingToSlack
        rules.mutes = [Mute(cluster: WildcardPattern("staging"), container: WildcardPattern("app"))]
        #expect(route(rules, S.alert(cluster: "staging")) == .suppressed(reason: "muted by mute */*/app"))
        #expect(route(rules, S.alert(cluster: "prod")) == .deliver([S.lane("slack", "#alerts")]))
        // A pod-level alert has no container: only a `*` container pattern mutes it.
        #expect(route(rules, S.alert(kind: .notReady, cluster: "staging", container: nil)) == .deliver([S.lane("slack", "#alerts")]))
    }

    // MARK: Rules

    private func rulesWith(_ list: [RoutingRule]) -> RoutingRules {
        RoutingRules(destinations: S.destinations, rules: list, defaultDestinations: [RouteTarget(destination: "hook")])
    }

    @Test func firstMatchingRuleWins() {
        let rules = rulesWith([
            RoutingRule(name: "pay", match: RouteMatch(namespaces: S.patterns("payments")), destinations: [RouteTarget(destination: "ops", channel: "#pay")]),
            RoutingRule(name: "shop", match: RouteMatch(namespaces: S.patterns("sh*")), destinations: [RouteTarget(destination: "slack", channel: "#shop")]),
            RoutingRule(name: "all", destinations: [RouteTarget(destination: "dingtalk")]),
        ])
        #expect(route(rules) == .deliver([S.lane("slack", "#shop")]))
        #expect(route(rules, S.alert(namespace: "payments")) == .deliver([S.lane("ops", "#pay")]))
        #expect(route(rules, S.alert(namespace: "dev")) == .deliver([S.lane("dingtalk")]))
    }

    @Test func continueCollectsAndGoesOn() {
        let rules = rulesWith([
            RoutingRule(name: "audit", destinations: [RouteTarget(destination: "hook")], continue: true),
            RoutingRule(name: "oom", match: RouteMatch(reasons: S.patterns("OOM*")), destinations: [RouteTarget(destination: "ops", channel: "#oom")], continue: true),
            RoutingRule(name: "shop", match: RouteMatch(namespaces: S.patterns("shop")), destinations: [RouteTarget(destination: "slack", channel: "#shop")]),
            RoutingRule(name: "never", destinations: [RouteTarget(destination: "dingtalk")]),
        ])
        #expect(route(rules) == .deliver([S.lane("hook"), S.lane("ops", "#oom"), S.lane("slack", "#shop")]))
        #expect(route(rules, S.alert(reason: "Error")) == .deliver([S.lane("hook"), S.lane("slack", "#shop")]))
        #expect(route(rules, S.alert(namespace: "dev", reason: "Error")) == .deliver([S.lane("hook"), S.lane("dingtalk")]))
    }

    @Test func aContinueRuleThatMatchedKeepsTheDefaultsOut() {
        let rules = rulesWith([RoutingRule(name: "audit", match: RouteMatch(namespaces: S.patterns("shop")), destinations: [RouteTarget(destination: "ops", channel: "#audit")], continue: true)])
        #expect(route(rules) == .deliver([S.lane("ops", "#audit")]))
        #expect(route(rules, S.alert(namespace: "dev")) == .deliver([S.lane("hook")]))
    }

    @Test func aRuleWithoutDestinationsMutes() {
        let rules = rulesWith([
            RoutingRule(name: "quiet-batch", match: RouteMatch(namespaces: S.patterns("batch")), destinations: []),
            RoutingRule(name: "audit", match: RouteMatch(namespaces: S.patterns("shop")), destinations: [RouteTarget(destination: "ops", channel: "#a")], continue: true),
            RoutingRule(name: "quiet-shop", match: RouteMatch(namespaces: S.patterns("shop")), destinations: []),
        ])
        #expect(route(rules, S.alert(namespace: "batch")) == .suppressed(reason: "muted by rule 'quiet-batch'"))
        // Deliveries collected before the mute still go out.
        #expect(route(rules) == .deliver([S.lane("ops", "#a")]))
    }

    @Test func duplicateLanesAreMerged() {
        let rules = rulesWith([
            RoutingRule(name: "a", destinations: [RouteTarget(destination: "slack", channel: "#x"), RouteTarget(destination: "hook")], continue: true),
            RoutingRule(name: "b", destinations: [RouteTarget(destination: "slack", channel: "#x"), RouteTarget(destination: "hook")]),
        ])
        #expect(route(rules) == .deliver([S.lane("slack", "#x"), S.lane("hook")]))
    }

    // MARK: Matching, table-driven

    @Test(arguments: [
        (RouteMatch(), true),
        (RouteMatch(clusters: S.patterns("prod")), true),
        (RouteMatch(clusters: S.patterns("staging")), false),
        (RouteMatch(namespaces: S.patterns("dev", "sh?p")), true),
        (RouteMatch(workloadKinds: S.patterns("Deployment")), true),
        (RouteMatch(workloadKinds: S.patterns("StatefulSet")), false),
        (RouteMatch(workloadNames: S.patterns("we*")), true),
        (RouteMatch(workloadNames: S.patterns("api")), false),
        (RouteMatch(pods: S.patterns("web-*")), true),
        (RouteMatch(containers: S.patterns("app")), true),
        (RouteMatch(containers: S.patterns("sidecar")), false),
        (RouteMatch(kinds: [.crashed, .cannotStart]), true),
        (RouteMatch(kinds: [.notReady]), false),
        (RouteMatch(reasons: S.patterns("OOMKilled")), true),
        (RouteMatch(reasons: S.patterns("Error", "ImagePull*")), false),
        (RouteMatch(labels: [MetadataMatcher(key: "team", condition: .matches(WildcardPattern("pay*")))]), true),
        (RouteMatch(labels: [MetadataMatcher(key: "team", condition: .matches(WildcardPattern("web")))]), false),
        (RouteMatch(labels: [MetadataMatcher(key: "tier", condition: .exists)]), true),
        (RouteMatch(labels: [MetadataMatcher(key: "canary", condition: .exists)]), false),
        (RouteMatch(labels: [MetadataMatcher(key: "canary", condition: .absent)]), true),
        (RouteMatch(labels: [MetadataMatcher(key: "tier", condition: .absent)]), false),
        (RouteMatch(labels: [MetadataMatcher(key: "team", condition: .exists), MetadataMatcher(key: "tier", condition: .matches(WildcardPattern("back")))]), false),
        (RouteMatch(annotations: [MetadataMatcher(key: "owner", condition: .matches(WildcardPattern("alice@example.com")))]), true),
        (RouteMatch(annotations: [MetadataMatcher(key: "team", condition: .exists)]), false),
        (RouteMatch(namespaces: S.patterns("shop"), kinds: [.crashed], reasons: S.patterns("Error")), false),
    ])
    func eachConditionMustHold(_ match: RouteMatch, _ expected: Bool) {
        let labels = ["team": "payments", "tier": "front"]
        let annotations = ["owner": "alice@example.com"]
        #expect(match.matches(S.alert(), labels: labels, annotations: annotations) == expected)
    }

    @Test func podLevelAlertsAndBarePods() {
        let podLevel = S.alert(kind: .notReady, container: nil, workload: nil, reason: nil)
        #expect(RouteMatch(containers: S.patterns("*")).matches(podLevel, labels: [:], annotations: [:]))
        #expect(!RouteMatch(containers: S.patterns("app")).matches(podLevel, labels: [:], annotations: [:]))
        #expect(RouteMatch(workloadKinds: S.patterns("Pod"), workloadNames: S.patterns("web-7d9c-x1")).matches(podLevel, labels: [:], annotations: [:]))
        #expect(!RouteMatch(reasons: S.patterns("OOM*")).matches(podLevel, labels: [:], annotations: [:]))
        #expect(RouteMatch(reasons: S.patterns("*")).matches(podLevel, labels: [:], annotations: [:]))
    }

    // MARK: johari-mirror's table

    private func johari(_ text: String, rules list: [RoutingRule] = []) throws -> RoutingRules {
        RoutingRules(
            destinations: S.destinations, rules: list,
            containerRoutes: ContainerRoutesBinding(routes: try ContainerRoutes(parsing: text), destination: "slack"),
            defaultDestinations: [RouteTarget(destination: "hook")])
    }

    @Test func johariTableDecidesExactlyAsContainerRoutes() throws {
        let rules = try johari("kube-system/*/*=,shop/*/sidecar=,shop/*/*=#shop,*/web-*/*=web")
        #expect(route(rules) == .deliver([S.lane("slack", "#shop")]))
        #expect(route(rules, S.alert(container: "sidecar")) == .suppressed(reason: "muted by SLACK_NOTIFICATION_CONFIG rule 2"))
        #expect(route(rules, S.alert(namespace: "kube-system")) == .suppressed(reason: "muted by SLACK_NOTIFICATION_CONFIG rule 1"))
        #expect(route(rules, S.alert(namespace: "dev")) == .deliver([S.lane("slack", "web")]))
        // No match suppresses: the defaults are not consulted when a table is configured.
        #expect(route(rules, S.alert(namespace: "dev", pod: "api-1")) == .suppressed(reason: "no SLACK_NOTIFICATION_CONFIG rule matches dev/api-1/app"))
        #expect(route(rules, S.alert(kind: .notReady, namespace: "dev", pod: "api-1", container: nil)) == .suppressed(reason: "no SLACK_NOTIFICATION_CONFIG rule matches dev/api-1/"))
    }

    @Test func rulesComeBeforeTheTableAndContinueRulesAddToIt() throws {
        let table = try johari(
            "shop/*/*=,*/*/*=#all",
            rules: [
                RoutingRule(name: "DINGTALK_TOKEN", destinations: [RouteTarget(destination: "dingtalk")], continue: true),
                RoutingRule(name: "pay", match: RouteMatch(namespaces: S.patterns("payments")), destinations: [RouteTarget(destination: "ops", channel: "#pay")]),
            ])
        #expect(route(table, S.alert(namespace: "dev")) == .deliver([S.lane("dingtalk"), S.lane("slack", "#all")]))
        #expect(route(table, S.alert(namespace: "payments")) == .deliver([S.lane("dingtalk"), S.lane("ops", "#pay")]))
        // The table mutes Slack for shop, the continue rule still reaches DingTalk.
        #expect(route(table) == .deliver([S.lane("dingtalk")]))
    }

    // MARK: Annotations that pick where

    @Test func channelAnnotationOverridesChannelsOfChannelDestinationsOnly() {
        let rules = rulesWith([
            RoutingRule(name: "all", destinations: [RouteTarget(destination: "slack", channel: "#alerts"), RouteTarget(destination: "dingtalk"), RouteTarget(destination: "ops")])
        ])
        #expect(route(rules, annotations: ["kube-slack/slack-channel": "#team"]) == .deliver([S.lane("slack", "#team"), S.lane("dingtalk"), S.lane("ops", "#team")]))
        #expect(route(rules, annotations: ["kube-slack/slack-channel": "#old", "muninn.io/channel": "#new"]) == .deliver([S.lane("slack", "#new"), S.lane("dingtalk"), S.lane("ops", "#new")]))
        #expect(route(rules, annotations: ["muninn.io/channel": "  "]) == .deliver([S.lane("slack", "#alerts"), S.lane("dingtalk"), S.lane("ops")]))
    }

    @Test func channelAnnotationAlsoOverridesTheJohariTable() throws {
        let rules = try johari("*/*/*=#all")
        #expect(route(rules, annotations: ["kube-slack/slack-channel": "#mine"]) == .deliver([S.lane("slack", "#mine")]))
    }

    @Test func destinationsAnnotationReplacesTheRules() throws {
        let rules = try johari("*/*/*=#all", rules: [RoutingRule(name: "x", destinations: [RouteTarget(destination: "ops", channel: "#x")])])
        #expect(route(rules, annotations: ["muninn.io/destinations": "dingtalk, hook,dingtalk"]) == .deliver([S.lane("dingtalk"), S.lane("hook")]))
        #expect(route(rules, annotations: ["muninn.io/destinations": "slack", "muninn.io/channel": "#pod"]) == .deliver([S.lane("slack", "#pod")]))
        // Unknown names are ignored; with none left the rules decide, so a typo loses nothing.
        #expect(route(rules, annotations: ["muninn.io/destinations": "nope, also-nope"]) == .deliver([S.lane("ops", "#x")]))
        #expect(route(rules, annotations: ["muninn.io/destinations": "nope,hook"]) == .deliver([S.lane("hook")]))
    }

    @Test func destinationsAnnotationDoesNotBypassMutesOrNamespaces() {
        var rules = everythingToSlack
        rules.mutes = [Mute(namespace: WildcardPattern("shop"))]
        #expect(route(rules, annotations: ["muninn.io/destinations": "hook"]) == .suppressed(reason: "muted by mute shop/*/*"))
        rules.mutes = []
        rules.namespaces = NamespaceFilter(exclude: S.patterns("shop"))
        #expect(route(rules, annotations: ["muninn.io/destinations": "hook"]) == .suppressed(reason: "namespace shop excluded"))
    }

    @Test func unknownDestinationsInRulesAreListedAndNeverDelivered() {
        let rules = RoutingRules(
            destinations: S.destinations, rules: [RoutingRule(name: "x", destinations: [RouteTarget(destination: "gone"), RouteTarget(destination: "hook")])],
            defaultDestinations: [RouteTarget(destination: "gone"), RouteTarget(destination: "missing")])
        #expect(rules.unknownDestinationNames == ["gone", "missing"])
        #expect(route(rules) == .deliver([S.lane("hook")]))
        let onlyUnknown = RoutingRules(destinations: [], defaultDestinations: [RouteTarget(destination: "gone")])
        #expect(route(onlyUnknown) == .suppressed(reason: "no configured destination"))
    }

    @Test(arguments: [
        ("*", nil), ("web-?", nil), ("", "empty pattern (use * to match anything)"), ("web-[0-9]", "'[' is not supported in a pattern (only * and ? are wildcards)"),
        ("a{b,c}", "'{' is not supported in a pattern (only * and ? are wildcards)"), ("a\\*", "'\\' is not supported in a pattern (only * and ? are wildcards)"),
        ("a b", "a pattern cannot contain spaces"),
    ] as [(String, String?)])
    func badPatternsAreExplained(_ text: String, _ problem: String?) {
        #expect(WildcardPattern.problem(in: text) == problem)
    }
}
