/// What one prune removed, and what it had to keep.
public struct PruneResult: Sendable, Hashable {
    /// Incidents removed for being older than the maximum age.
    public var removedByAge: Int
    /// Incidents removed to bring the history under the maximum size.
    public var removedBySize: Int
    /// Deliveries removed with their incidents.
    public var deliveriesRemoved: Int
    /// Bytes of incident records removed.
    public var bytesFreed: Int
    /// Incidents that were due for removal but kept because they wait for enrichment or have a pending delivery.
    public var keptInFlight: Int
    /// Bytes of incident records left.
    public var bytesRemaining: Int
    /// Stored manifest changes removed for being older than the maximum age (the size limit counts incidents only).
    public var changesRemoved: Int = 0

    public init(
        removedByAge: Int = 0, removedBySize: Int = 0, deliveriesRemoved: Int = 0, bytesFreed: Int = 0, keptInFlight: Int = 0,
        bytesRemaining: Int = 0
    ) {
        self.removedByAge = removedByAge
        self.removedBySize = removedBySize
        self.deliveriesRemoved = deliveriesRemoved
        self.bytesFreed = bytesFreed
        self.keptInFlight = keptInFlight
        self.bytesRemaining = bytesRemaining
    }

    /// Incidents removed.
    public var removed: Int { removedByAge + removedBySize }
}
