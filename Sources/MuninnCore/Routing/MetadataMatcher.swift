/// A condition on one label or annotation of the pod: present with a value matching a pattern,
/// present with any value, or absent.
public struct MetadataMatcher: Sendable, Equatable {
    public enum Condition: Sendable, Equatable {
        /// The key is present and its value matches (`*` and `?` wildcards; no wildcard = exact).
        case matches(WildcardPattern)
        /// The key is present, whatever its value (also empty).
        case exists
        /// The key is not present.
        case absent
    }

    public var key: String
    public var condition: Condition

    public init(key: String, condition: Condition) {
        self.key = key
        self.condition = condition
    }

    public func isSatisfied(by metadata: [String: String]) -> Bool {
        switch condition {
        case .matches(let pattern): metadata[key].map(pattern.matches) ?? false
        case .exists: metadata[key] != nil
        case .absent: metadata[key] == nil
        }
    }
}
