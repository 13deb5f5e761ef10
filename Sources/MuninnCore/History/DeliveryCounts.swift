/// How an incident's deliveries stand.
public struct DeliveryCounts: Sendable, Hashable {
    public var pending: Int
    public var delivered: Int
    public var failed: Int

    public init(pending: Int = 0, delivered: Int = 0, failed: Int = 0) {
        self.pending = pending
        self.delivered = delivered
        self.failed = failed
    }

    public var total: Int { pending + delivered + failed }
}
