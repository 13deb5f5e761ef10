import Foundation

/// One line of a mute table (the Kubernetes Pod Monitor's `k8s_crash_ignore_notify`, with wildcards):
/// alerts of the containers it matches are kept in the history but not delivered, until `until`
/// when one is set.
public struct Mute: Sendable, Equatable {
    public var cluster: WildcardPattern
    public var namespace: WildcardPattern
    public var pod: WildcardPattern
    public var container: WildcardPattern
    /// Why, for the people reading the history ("known flaky, JIRA-123").
    public var reason: String?
    /// The mute ends at this instant; nil mutes for good.
    public var until: Date?

    public init(
        cluster: WildcardPattern = WildcardPattern("*"), namespace: WildcardPattern = WildcardPattern("*"),
        pod: WildcardPattern = WildcardPattern("*"), container: WildcardPattern = WildcardPattern("*"), reason: String? = nil,
        until: Date? = nil
    ) {
        self.cluster = cluster
        self.namespace = namespace
        self.pod = pod
        self.container = container
        self.reason = reason
        self.until = until
    }

    /// Pod-level alerts have no container: they match the container pattern as an empty name, so
    /// only `*` mutes them.
    public func mutes(_ alert: Alert, at time: Date) -> Bool {
        if let until, time >= until { return false }
        return cluster.matches(alert.cluster) && namespace.matches(alert.namespace) && pod.matches(alert.pod)
            && container.matches(alert.container ?? "")
    }

    /// The history's wording: "muted (known flaky)" or "muted by mute shop/*/cleanup".
    var suppression: String {
        if let reason, !reason.isEmpty { return "muted (\(reason))" }
        return "muted by mute \(namespace)/\(pod)/\(container)"
    }
}
