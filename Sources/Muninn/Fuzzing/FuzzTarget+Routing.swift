import MuninnCore

extension FuzzTarget {
    /// johari-mirror's routing rules (`namespace/pod/container=channel,...`): the first line is the rules, the
    /// second a `namespace/pod/container` to route. Every wildcard decision must equal a reference matcher's.
    static let routingRules = FuzzTarget(name: "routing-rules", summary: "johari-mirror routing rules and wildcard matching") { bytes in
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let routes = try? ContainerRoutes(parsing: String(lines[0])) else { return nil }
        let probe = lines.count > 1 ? lines[1].split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init) : []
        let namespace = probe.count > 0 ? probe[0] : "default"
        let pod = probe.count > 1 ? probe[1] : "web-7d4b9c-x2x"
        let container = probe.count > 2 ? probe[2] : "app"
        _ = routes.decide(namespace: namespace, pod: pod, container: container)
        for route in routes.routes {
            for (pattern, subject) in [(route.namespace, namespace), (route.pod, pod), (route.container, container)] {
                let expected = ReferenceWildcard.matches(Array(pattern.text), Array(subject))
                if pattern.matches(subject) != expected {
                    return "wildcard \(pattern.text.debugDescription) on \(subject.debugDescription): got \(!expected), expected \(expected)"
                }
            }
        }
        return nil
    }
}
