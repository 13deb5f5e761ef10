/// A named routing rule: which alerts (`match`) go where (`destinations`). Rules are tried in
/// order; the first that matches decides, unless it says `continue`, in which case its
/// destinations are collected and the next rules are tried too (as in Alertmanager).
/// A rule with no destinations mutes what it matches.
public struct RoutingRule: Sendable, Equatable {
    /// Shown in suppression reasons and `check-config` ("muted by rule 'quiet-batch'").
    public var name: String
    public var match: RouteMatch
    public var destinations: [RouteTarget]
    public var `continue`: Bool

    public init(name: String, match: RouteMatch = .any, destinations: [RouteTarget], continue: Bool = false) {
        self.name = name
        self.match = match
        self.destinations = destinations
        self.continue = `continue`
    }

    public var isMute: Bool { destinations.isEmpty }
}
