/// Everything that decides where an alert goes, as configured (a YAML file or the replaced tools'
/// environment). ``AlertRouter`` applies it; docs/routing.md gives the precedence with examples.
public struct RoutingRules: Sendable, Equatable {
    /// The configured destinations; routing delivers only to these.
    public var destinations: [RoutingDestination]
    public var namespaces: NamespaceFilter
    public var mutes: [Mute]
    /// Tried in order before ``containerRoutes``.
    public var rules: [RoutingRule]
    /// johari-mirror's table, consulted when no rule decided.
    public var containerRoutes: ContainerRoutesBinding?
    /// Where alerts go when no rule matched and there is no johari table; empty suppresses them.
    public var defaultDestinations: [RouteTarget]
    /// Honour `kube-slack/*` and `muninn.io/*` pod annotations.
    public var honourPodAnnotations: Bool

    public init(
        destinations: [RoutingDestination] = [], namespaces: NamespaceFilter = NamespaceFilter(), mutes: [Mute] = [],
        rules: [RoutingRule] = [], containerRoutes: ContainerRoutesBinding? = nil, defaultDestinations: [RouteTarget] = [],
        honourPodAnnotations: Bool = true
    ) {
        self.destinations = destinations
        self.namespaces = namespaces
        self.mutes = mutes
        self.rules = rules
        self.containerRoutes = containerRoutes
        self.defaultDestinations = defaultDestinations
        self.honourPodAnnotations = honourPodAnnotations
    }

    /// Destination names used by rules, the johari table or the defaults that are not configured,
    /// each once, in order of first use. Configuration loading turns these into errors.
    public var unknownDestinationNames: [String] {
        let known = Set(destinations.map(\.name))
        var used = rules.flatMap { $0.destinations.map(\.destination) } + defaultDestinations.map(\.destination)
        if let containerRoutes { used.append(containerRoutes.destination) }
        var unknown: [String] = []
        for name in used where !known.contains(name) && !unknown.contains(name) { unknown.append(name) }
        return unknown
    }
}
