import Foundation
import MuninnCore
import MuninnPostgres

/// What `muninn check-config` prints about destinations, routing and alert settings: enough to see
/// where each alert will go, and never a secret (only where each one was set).
struct ConfigurationSummary {
    var configuration: MuninnConfiguration

    var lines: [String] {
        destinationLines + routingLines + settingLines + environmentLines
            + ChangeWatchSummary(configuration: configuration.changes, kwatchman: configuration.kwatchman).lines
    }

    var destinationLines: [String] {
        ["destinations:"] + configuration.destinations.map { "  \($0.name) (\($0.kind.rawValue)): " + Self.details($0.settings) + Self.templateNote($0) }
    }

    static func details(_ settings: DestinationConfiguration.Settings) -> String {
        switch settings {
        case .slack(let slack):
            var parts = ["token: \(slack.token.summary)", "default channel: \(slack.defaultChannel ?? "none")"]
            if slack.apiURL != SlackDestinationSettings(token: slack.token).apiURL { parts.append("API: \(slack.apiURL)") }
            if !slack.uploadLogs { parts.append("log files: off") }
            return parts.joined(separator: ", ")
        case .slackWebhook(let hook):
            return (["url: \(hook.url.summary)"] + [hook.tls.summary].compactMap { $0 }).joined(separator: ", ")
        case .dingtalk(let dingtalk):
            var parts = ["token: \(dingtalk.token.summary)", "signing secret: \(dingtalk.secret?.summary ?? "none")", "keyword: \(dingtalk.keyword)"]
            if !dingtalk.atMobiles.isEmpty || !dingtalk.atUserIDs.isEmpty || dingtalk.isAtAll {
                let people = dingtalk.atMobiles.count + dingtalk.atUserIDs.count
                parts.append("mentions: \(dingtalk.isAtAll ? "everyone" : people == 1 ? "1 person" : "\(people) people")")
            }
            return parts.joined(separator: ", ")
        case .webhook(let webhook):
            var parts = ["url: \(webhook.url.summary)", "signing secret: \(webhook.secret?.summary ?? "none")"]
            if !webhook.headers.isEmpty { parts.append("headers: \(webhook.headers.map(\.name).joined(separator: ", ")) (values hidden)") }
            if let tls = webhook.tls.summary { parts.append(tls) }
            return parts.joined(separator: ", ")
        case .console:
            return "one JSON line per alert on stdout"
        case .chat(let chat):
            return chat.summary
        case .elasticsearch(let elasticsearch):
            var parts = ["url: \(elasticsearch.url)", "indices: \(elasticsearch.indexPrefix)-YYYY.MM.DD", "auth: \(elasticsearch.credentials.summary)"]
            if let tls = elasticsearch.tls.summary { parts.append(tls) }
            if !elasticsearch.indexTemplate { parts.append("index template: not installed") }
            return parts.joined(separator: ", ")
        case .loki(let loki):
            var parts = ["url: \(loki.url)", "tenant: \(loki.tenant ?? "none")", "auth: \(loki.credentials.summary)"]
            if !loki.extraLabels.isEmpty { parts.append("labels: " + loki.extraLabels.keys.sorted().map { "\($0)=\(loki.extraLabels[$0] ?? "")" }.joined(separator: ",")) }
            if let tls = loki.tls.summary { parts.append(tls) }
            return parts.joined(separator: ", ")
        }
    }

    var routingLines: [String] {
        let routing = configuration.routing
        var lines = ["routing:"]
        if !routing.namespaces.include.isEmpty { lines.append("  namespaces included: \(Self.list(routing.namespaces.include))") }
        if !routing.namespaces.exclude.isEmpty { lines.append("  namespaces excluded: \(Self.list(routing.namespaces.exclude))") }
        for mute in routing.mutes {
            var line = "  mute: \(mute.namespace)/\(mute.pod)/\(mute.container)"
            if mute.cluster.text != "*" { line += " in cluster \(mute.cluster)" }
            if let reason = mute.reason { line += " (\(reason))" }
            if let until = mute.until { line += " until \(ISO8601DateFormatter().string(from: until))" }
            lines.append(line)
        }
        for rule in routing.rules {
            let target = rule.isMute ? "muted" : rule.destinations.map(Self.target).joined(separator: ", ")
            lines.append("  rule '\(rule.name)': \(Self.conditions(rule.match)) -> \(target)\(rule.continue ? " (continue)" : "")")
        }
        if let table = routing.containerRoutes {
            lines.append("  \(table.source) -> \(table.destination), first match decides, no match sends nothing:")
            for (index, route) in table.routes.routes.enumerated() {
                let channel = route.channel.isEmpty ? "muted" : route.channel
                lines.append("    \(index + 1). \(route.namespace)/\(route.pod)/\(route.container) -> \(channel)")
            }
        }
        if routing.rules.isEmpty, routing.containerRoutes == nil {
            lines.append("  every alert -> \(routing.defaultDestinations.map(Self.target).joined(separator: ", "))")
        } else if routing.containerRoutes == nil {
            lines.append("  alerts no rule matches are not sent")
        }
        lines.append("  pod annotations: \(PodAnnotations.ignore), \(PodAnnotations.kubeSlackIgnore), \(PodAnnotations.channel), "
            + "\(PodAnnotations.kubeSlackChannel), \(PodAnnotations.destinations)")
        return lines
    }

    static func target(_ target: RouteTarget) -> String {
        target.channel.map { "\(target.destination) \($0)" } ?? target.destination
    }

    static func list(_ patterns: [WildcardPattern]) -> String {
        patterns.map(\.text).joined(separator: ", ")
    }

    static func conditions(_ match: RouteMatch) -> String {
        var parts: [String] = []
        func add(_ name: String, _ patterns: [WildcardPattern]) {
            if !patterns.isEmpty { parts.append("\(name) \(patterns.map(\.text).joined(separator: "|"))") }
        }
        add("cluster", match.clusters)
        add("namespace", match.namespaces)
        add("workload kind", match.workloadKinds)
        add("workload", match.workloadNames)
        add("pod", match.pods)
        add("container", match.containers)
        if !match.kinds.isEmpty { parts.append("kind \(match.kinds.map(\.rawValue).sorted().joined(separator: "|"))") }
        add("reason", match.reasons)
        for (name, matchers) in [("label", match.labels), ("annotation", match.annotations)] {
            for matcher in matchers {
                switch matcher.condition {
                case .matches(let pattern): parts.append("\(name) \(matcher.key)=\(pattern.text)")
                case .exists: parts.append("\(name) \(matcher.key) exists")
                case .absent: parts.append("\(name) \(matcher.key) absent")
                }
            }
        }
        return parts.isEmpty ? "every alert" : parts.joined(separator: ", ")
    }

    var settingLines: [String] {
        let alerts = configuration.alerts
        let flood = alerts.flood.expiry > .zero ? "\(ConfigDuration.text(alerts.flood.expiry)) \(alerts.flood.window.rawValue) window" : "off"
        return [
            "alerts:",
            "  not ready after: \(alerts.notReadyAfter.map(ConfigDuration.text) ?? "off")",
            "  recovery messages: \(Self.onOff(alerts.recovery)), existing problems on first start: \(Self.onOff(alerts.reportExistingOnStart)), "
                + "deletion kills: \(Self.onOff(alerts.reportDeletionKills))",
            "  flood control: \(flood), restart throttle (1-10, then every 24th): \(Self.onOff(alerts.restartThrottle))",
            "  crash-loop threads: \(alerts.threading.enabled ? "on, \(ConfigDuration.text(alerts.threading.window))" : "off")",
            "  logs: last \(alerts.logs.tailLines) lines, at most \(alerts.logs.maxBytes) bytes",
            configuration.store.postgresDSN.map { dsn in
                "store: PostgreSQL \((try? PostgresDSN(parsing: dsn.value).description) ?? "<invalid>") (\(dsn.summary))"
            } ?? "store: \(configuration.store.path)",
            configuration.dashboard.summary,
            configuration.leaderElection.summary,
            "delivery: give up after \(ConfigDuration.text(configuration.delivery.maxAge)), retry after "
                + "\(ConfigDuration.text(configuration.delivery.initialRetry)) doubling up to \(ConfigDuration.text(configuration.delivery.maxRetry)), "
                + (configuration.delivery.drainTimeout > .zero
                    ? "drain on shutdown for up to \(ConfigDuration.text(configuration.delivery.drainTimeout))" : "no drain on shutdown"),
        ]
    }

    var environmentLines: [String] {
        let seed = configuration.seed
        guard !seed.recognised.isEmpty else { return [] }
        let tools = seed.tools.isEmpty ? "" : " (\(seed.tools.map(\.rawValue).joined(separator: ", ")))"
        return ["environment of replaced tools\(tools): \(seed.recognised.joined(separator: ", "))"]
    }

    private static func onOff(_ value: Bool) -> String { value ? "on" : "off" }
}
