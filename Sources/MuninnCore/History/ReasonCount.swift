/// How many incidents had one reason. Incidents without a reason (a pod not ready) count under their kind.
public struct ReasonCount: Sendable, Hashable {
    public var reason: String
    public var count: Int

    public init(reason: String, count: Int) {
        self.reason = reason
        self.count = count
    }

    /// Most first, then by name, so equal counts always come out in the same order.
    public static func ordered(_ counts: [String: Int]) -> [ReasonCount] {
        counts.map { ReasonCount(reason: $0.key, count: $0.value) }.sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
    }
}
