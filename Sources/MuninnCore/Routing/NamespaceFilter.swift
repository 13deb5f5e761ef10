/// Which namespaces' alerts are wanted at all (kube-dingtalk's `KUBE_NAMESPACES_ONLY`, and more):
/// an exclude list that always wins, and an include list that, when not empty, is the only way in.
public struct NamespaceFilter: Sendable, Equatable {
    public var include: [WildcardPattern]
    public var exclude: [WildcardPattern]

    public init(include: [WildcardPattern] = [], exclude: [WildcardPattern] = []) {
        self.include = include
        self.exclude = exclude
    }

    /// Why `namespace` is filtered out, or nil when its alerts are wanted.
    public func rejection(of namespace: String) -> String? {
        if exclude.contains(where: { $0.matches(namespace) }) { return "namespace \(namespace) excluded" }
        if !include.isEmpty, !include.contains(where: { $0.matches(namespace) }) { return "namespace \(namespace) not included" }
        return nil
    }
}
