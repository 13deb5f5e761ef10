/// A workload to filter on: its name, and optionally its kind (`Deployment`, `StatefulSet`, `CronJob`, `Pod` for bare pods).
public struct WorkloadFilter: Sendable, Hashable, CustomStringConvertible {
    public var kind: String?
    public var name: String

    public init(kind: String? = nil, name: String) {
        self.kind = kind
        self.name = name
    }

    /// Reads `name` or `Kind/name` (`Deployment/api`).
    public init(parsing text: String) {
        if let slash = text.firstIndex(of: "/"), slash != text.startIndex {
            kind = String(text[..<slash])
            name = String(text[text.index(after: slash)...])
        } else {
            kind = nil
            name = text
        }
    }

    public var description: String { kind.map { "\($0)/\(name)" } ?? name }
}
