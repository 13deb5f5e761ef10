/// johari-mirror's routing table (`SLACK_NOTIFICATION_CONFIG`): rules separated by commas, each
/// `namespace/pod/container=channel`, tried in order; the first rule whose three patterns match
/// decides, an empty channel suppresses, and no matching rule suppresses.
///
/// Parsing splits each rule at the first `/`, then the first `/`, then the first `=`, exactly as
/// johari-mirror does, so a container pattern may contain `/` and a channel may contain `=`.
/// One difference, on purpose: johari-mirror keeps the spaces around rules, so in
/// `a/b/c=x, */*/*=y` the second rule's namespace is ` *` and it never matches; Muninn trims
/// spaces around each rule and around each part, which is what everyone writing that meant.
public struct ContainerRoutes: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        /// Deliver to this channel; `rule` is the 1-based position of the deciding rule.
        case deliver(channel: String, rule: Int)
        /// The deciding rule has an empty channel.
        case muted(rule: Int)
        /// No rule matched: johari-mirror sends nothing then, and so does Muninn.
        case noMatch
    }

    public var routes: [ContainerRoute]

    public init(routes: [ContainerRoute]) {
        self.routes = routes
    }

    /// Reads the `SLACK_NOTIFICATION_CONFIG` grammar. An empty string, an empty rule (`,,` or a
    /// trailing comma) or a rule missing a part is an error naming the rule and its position.
    public init(parsing text: String) throws(ContainerRoutingError) {
        var routes: [ContainerRoute] = []
        let rules = text.split(separator: ",", omittingEmptySubsequences: false)
        for (index, raw) in rules.enumerated() {
            let rule = raw.trimmingSpaces()
            let position = index + 1
            guard !rule.isEmpty else {
                throw ContainerRoutingError(position: position, rule: String(raw), problem: "empty rule (check for ',,' or a trailing comma)")
            }
            guard let firstSlash = rule.firstIndex(of: "/") else {
                throw ContainerRoutingError(position: position, rule: rule, problem: "missing '/' after the namespace pattern")
            }
            let afterNamespace = rule[rule.index(after: firstSlash)...]
            guard let secondSlash = afterNamespace.firstIndex(of: "/") else {
                throw ContainerRoutingError(position: position, rule: rule, problem: "missing '/' after the pod pattern")
            }
            let afterPod = afterNamespace[afterNamespace.index(after: secondSlash)...]
            guard let equals = afterPod.firstIndex(of: "=") else {
                throw ContainerRoutingError(position: position, rule: rule, problem: "missing '=' before the channel")
            }
            routes.append(
                ContainerRoute(
                    namespace: WildcardPattern(rule[..<firstSlash].trimmingSpaces()),
                    pod: WildcardPattern(afterNamespace[..<secondSlash].trimmingSpaces()),
                    container: WildcardPattern(afterPod[..<equals].trimmingSpaces()),
                    channel: afterPod[afterPod.index(after: equals)...].trimmingSpaces()))
        }
        self.routes = routes
    }

    public func decide(namespace: String, pod: String, container: String) -> Decision {
        for (index, route) in routes.enumerated() where route.matches(namespace: namespace, pod: pod, container: container) {
            return route.channel.isEmpty ? .muted(rule: index + 1) : .deliver(channel: route.channel, rule: index + 1)
        }
        return .noMatch
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (not other Unicode whitespace: names never hold it).
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
