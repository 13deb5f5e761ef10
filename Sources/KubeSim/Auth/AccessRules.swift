import Synchronization

/// Denials added by tests; everything not denied is allowed (the simulator has no RBAC objects).
final class AccessRules: Sendable {
    struct Rule: Sendable, Equatable {
        var verb: String?
        var resource: String?
        var namespace: String?

        func matches(verb: String, resource: String, namespace: String?) -> Bool {
            (self.verb == nil || self.verb == verb) && (self.resource == nil || self.resource == resource)
                && (self.namespace == nil || self.namespace == namespace)
        }
    }

    private let rules = Mutex<[Rule]>([])

    func forbid(_ rule: Rule) { rules.withLock { $0.append(rule) } }
    func clear() { rules.withLock { $0.removeAll() } }

    func isForbidden(verb: String, resource: String, namespace: String?) -> Bool {
        rules.withLock { $0.contains { $0.matches(verb: verb, resource: resource, namespace: namespace) } }
    }
}
