/// One user-visible difference between two normalised manifests, addressed by a path in which list items
/// are matched by name, not index: `spec.template.spec.containers[name=web].image`.
///
/// Values are rendered as short text (scalars as themselves, objects and lists as compact JSON). For a
/// Secret's `data`/`stringData` they are never the value itself, only `sha256:` and the first 12 hex digits
/// of its hash, so a change is visible without the secret being shown.
public struct FieldChange: Sendable, Hashable, Codable {
    public enum Operation: String, Sendable, Hashable, Codable {
        case added
        case removed
        case changed
    }

    public var path: String
    public var operation: Operation
    /// The value before; nil when `operation` is `.added`.
    public var old: String?
    /// The value after; nil when `operation` is `.removed`.
    public var new: String?

    public init(path: String, operation: Operation, old: String?, new: String?) {
        self.path = path
        self.operation = operation
        self.old = old
        self.new = new
    }
}
