import Foundation
import MuninnCore

/// Reads `routes:` (named rules), `containerRoutes:` (johari-mirror's table) and `mutes:`, checking
/// every destination a rule names against the configured ones.
struct RoutesParser {
    /// The configured destinations, by name.
    var destinations: [String: DestinationConfiguration]

    private static let ruleKeys = ["name", "match", "destinations", "continue"]
    private static let matchKeys = ["cluster", "namespace", "workload", "pod", "container", "labels", "annotations", "kind", "reason"]

    func rules(_ node: YAMLConfigNode) throws -> [RoutingRule] {
        var rules: [RoutingRule] = []
        var names: Set<String> = []
        for (index, entry) in try node.elements().enumerated() {
            let members = try entry.mapping(allowedKeys: Self.ruleKeys)
            let name = try members["name"]?.nonEmptyString() ?? "route \(index + 1)"
            guard names.insert(name).inserted else { throw (members["name"] ?? entry).error("duplicate route name '\(name)'") }
            guard let destinationsNode = members["destinations"] else {
                throw entry.error("missing destinations (a list of destination names; [] mutes what the rule matches)")
            }
            rules.append(
                RoutingRule(
                    name: name, match: try members["match"].map(match) ?? .any, destinations: try targets(destinationsNode),
                    continue: try members["continue"]?.bool() ?? false))
        }
        return rules
    }

    /// Destination references: `slack-ops`, or `{destination: slack-ops, channel: "#payments"}`.
    func targets(_ node: YAMLConfigNode) throws -> [RouteTarget] {
        // An empty value is more likely a slip than a mute, which must be written `[]`.
        if node.isNull { throw node.error("no destinations given (write [] to mute what the rule matches)") }
        let items: [YAMLConfigNode] = node.isSequence ? try node.elements() : [node]
        return try items.map { item in
            if item.isMapping {
                let members = try item.mapping(allowedKeys: ["destination", "channel"])
                guard let nameNode = members["destination"] else { throw item.error("missing destination") }
                let target = RouteTarget(destination: try nameNode.nonEmptyString(), channel: try members["channel"]?.nonEmptyString())
                try check(target, nameNode: nameNode, channelNode: members["channel"])
                return target
            }
            let target = RouteTarget(destination: try item.nonEmptyString())
            try check(target, nameNode: item, channelNode: nil)
            return target
        }
    }

    private func check(_ target: RouteTarget, nameNode: YAMLConfigNode, channelNode: YAMLConfigNode?, needsChannel: Bool = true) throws {
        guard let destination = destinations[target.destination] else {
            let known = destinations.keys.sorted()
            var message = "unknown destination '\(target.destination)'"
            if let suggestion = YAMLConfigNode.closest(to: target.destination, in: known) { message += "; did you mean '\(suggestion)'?" }
            message += known.isEmpty ? " (no destinations are configured)" : " (configured: \(known.joined(separator: ", ")))"
            throw nameNode.error(message)
        }
        if let channelNode, !destination.acceptsChannel {
            throw channelNode.error("destination '\(destination.name)' (\(destination.kind.rawValue)) has no channels: its address decides where messages go")
        }
        if needsChannel, target.channel == nil, case .slack(let slack) = destination.settings, slack.defaultChannel == nil {
            throw nameNode.error(
                "Slack destination '\(destination.name)' has no defaultChannel, so this route must name a channel ({destination: \(destination.name), channel: \"#alerts\"})")
        }
    }

    func match(_ node: YAMLConfigNode) throws -> RouteMatch {
        let members = try node.mapping(allowedKeys: Self.matchKeys)
        var match = RouteMatch()
        if let value = members["cluster"] { match.clusters = try value.patterns() }
        if let value = members["namespace"] { match.namespaces = try value.patterns() }
        if let value = members["pod"] { match.pods = try value.patterns() }
        if let value = members["container"] { match.containers = try value.patterns() }
        if let value = members["reason"] { match.reasons = try value.patterns() }
        if let value = members["workload"] {
            if value.isMapping {
                let workload = try value.mapping(allowedKeys: ["kind", "name"])
                if let kind = workload["kind"] { match.workloadKinds = try kind.patterns() }
                if let name = workload["name"] { match.workloadNames = try name.patterns() }
            } else {
                match.workloadNames = try value.patterns()
            }
        }
        if let value = members["kind"] {
            let items: [YAMLConfigNode] = value.isSequence ? try value.elements() : [value]
            for item in items {
                let text = try item.string()
                guard let kind = Alert.Kind.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                    throw item.error("unknown alert kind '\(text)' (allowed: \(Alert.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                match.kinds.insert(kind)
            }
        }
        if let value = members["labels"] { match.labels = try metadata(value, patternsChecked: true) }
        if let value = members["annotations"] { match.annotations = try metadata(value, patternsChecked: false) }
        return match
    }

    /// `{app: web, team: "pay*", canary: {exists: true}, legacy: {exists: false}}`.
    private func metadata(_ node: YAMLConfigNode, patternsChecked: Bool) throws -> [MetadataMatcher] {
        try node.entries().map { key, keyLine, value in
            guard !key.isEmpty else { throw node.error("empty key", key: key, keyLine: keyLine) }
            if value.isMapping {
                let members = try value.mapping(allowedKeys: ["exists"])
                guard let exists = members["exists"] else { throw value.error("expected a value pattern or {exists: true|false}") }
                return MetadataMatcher(key: key, condition: try exists.bool() ? .exists : .absent)
            }
            // Annotation values are free text, so only label values are held to the name rules.
            let pattern = patternsChecked ? try value.pattern() : WildcardPattern(try value.string())
            return MetadataMatcher(key: key, condition: .matches(pattern))
        }
    }

    /// `containerRoutes: {destination: slack, rules: "ns/pod/container=channel,..." or a list of rules}`.
    func containerRoutes(_ node: YAMLConfigNode) throws -> ContainerRoutesBinding {
        let members = try node.mapping(allowedKeys: ["destination", "rules"])
        guard let destinationNode = members["destination"] else { throw node.error("missing destination") }
        guard let rulesNode = members["rules"] else { throw node.error("missing rules (namespace/pod/container=channel, ...)") }
        let destination = try destinationNode.nonEmptyString()
        try check(RouteTarget(destination: destination), nameNode: destinationNode, channelNode: nil, needsChannel: false)
        guard destinations[destination]?.acceptsChannel == true else {
            throw destinationNode.error("destination '\(destination)' has no channels; the table's channels need a Slack bot (type: slack)")
        }
        let text = rulesNode.isSequence ? try rulesNode.stringList().joined(separator: ",") : try rulesNode.string()
        do {
            return ContainerRoutesBinding(routes: try ContainerRoutes(parsing: text), destination: destination, source: "containerRoutes")
        } catch {
            throw rulesNode.error(error.description)
        }
    }

    /// `mutes:` entries: `"namespace/pod/container"`, or a mapping with cluster, namespace, pod,
    /// container (each default `*`), reason and until (RFC 3339 time or a date).
    static func mutes(_ node: YAMLConfigNode) throws -> [Mute] {
        try node.elements().map { entry in
            if !entry.isMapping {
                let text = try entry.string()
                let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 3 else { throw entry.error("expected namespace/pod/container or a mapping") }
                var mute = Mute()
                for (index, part) in parts.enumerated() {
                    if let problem = WildcardPattern.problem(in: part) { throw entry.error("bad pattern '\(part)': \(problem)") }
                    switch index {
                    case 0: mute.namespace = WildcardPattern(part)
                    case 1: mute.pod = WildcardPattern(part)
                    default: mute.container = WildcardPattern(part)
                    }
                }
                return mute
            }
            let members = try entry.mapping(allowedKeys: ["cluster", "namespace", "pod", "container", "reason", "until"])
            guard members["namespace"] != nil || members["pod"] != nil || members["container"] != nil || members["cluster"] != nil else {
                throw entry.error("a mute needs at least one of cluster, namespace, pod, container")
            }
            var mute = Mute()
            if let value = members["cluster"] { mute.cluster = try value.pattern() }
            if let value = members["namespace"] { mute.namespace = try value.pattern() }
            if let value = members["pod"] { mute.pod = try value.pattern() }
            if let value = members["container"] { mute.container = try value.pattern() }
            if let value = members["reason"] { mute.reason = try value.string() }
            if let value = members["until"] { mute.until = try date(value) }
            return mute
        }
    }

    /// `2026-12-31T18:00:00Z` or a day, `2026-12-31` (its start, UTC).
    static func date(_ node: YAMLConfigNode) throws -> Date {
        let text = try node.nonEmptyString()
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date }
        throw node.error("expected a time such as 2026-12-31T18:00:00Z or a date such as 2026-12-31")
    }

    /// `namespaces: {include: [...], exclude: [...]}`.
    static func namespaces(_ node: YAMLConfigNode) throws -> NamespaceFilter {
        let members = try node.mapping(allowedKeys: ["include", "exclude"])
        return NamespaceFilter(
            include: try members["include"].map { $0.isNull ? [] : try $0.patterns() } ?? [],
            exclude: try members["exclude"].map { $0.isNull ? [] : try $0.patterns() } ?? [])
    }
}
