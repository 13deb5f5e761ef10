import Foundation

/// kube-slack's flood filter, per workload + container + reason: a key that was let through is
/// held back until it has been quiet for `expiry` (sliding window, kube-slack's semantics and the
/// default: a failure that never stops is announced once, and again only after it stopped for a
/// while), or until `expiry` has passed since it was let through (fixed window, kube-dingtalk's:
/// a failure that never stops is repeated every `expiry`).
///
/// Unlike both, keys carry the namespace (kube-dingtalk keys on the bare pod or owner name, so
/// two namespaces' `web` pods suppress each other), expiry is a number (kube-dingtalk's
/// environment value is a string, which makes every key fire once per process lifetime), and
/// keys that expired are forgotten, so memory stays bounded.
public struct FloodControl: Sendable {
    public enum Window: String, Sendable, CaseIterable {
        case sliding, fixed
    }

    public struct Key: Hashable, Sendable {
        public var namespace: String
        /// The workload (Deployment, StatefulSet, ...) or, for a bare pod, the pod.
        public var workload: String
        public var container: String
        public var reason: String

        public init(namespace: String, workload: String, container: String, reason: String) {
            self.namespace = namespace
            self.workload = workload
            self.container = container
            self.reason = reason
        }
    }

    public let expiry: TimeInterval
    public let window: Window
    private var heldUntil: [Key: Date] = [:]
    private var nextPrune = Date.distantPast

    public init(expiry: TimeInterval, window: Window = .sliding) {
        self.expiry = expiry
        self.window = window
    }

    /// Whether an alert for `key` may go out now; records the decision.
    public mutating func admit(_ key: Key, now: Date) -> Bool {
        pruneIfDue(now: now)
        let held = heldUntil[key].map { now < $0 } ?? false
        switch window {
        case .sliding:
            heldUntil[key] = now.addingTimeInterval(expiry)
        case .fixed:
            if !held { heldUntil[key] = now.addingTimeInterval(expiry) }
        }
        return !held
    }

    /// Keys currently remembered (held back or recently let through).
    public var count: Int { heldUntil.count }

    private mutating func pruneIfDue(now: Date) {
        guard now >= nextPrune else { return }
        heldUntil = heldUntil.filter { $0.value > now }
        nextPrune = now.addingTimeInterval(max(expiry, 1))
    }
}
