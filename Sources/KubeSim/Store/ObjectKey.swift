/// Namespace and name of a stored object. Ordered by `path` (`<namespace>/<name>` or `<name>`),
/// which is also what continue tokens carry, so pagination resumes at a well-defined key.
struct ObjectKey: Hashable, Comparable, Sendable {
    let namespace: String
    let name: String
    let path: String

    init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        self.path = namespace.isEmpty ? name : "\(namespace)/\(name)"
    }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.path < rhs.path }
}
