import MuninnCore

/// A database the history contract runs against: a store that is both the outbox (to fill it the way the
/// pipeline does) and the history (to read it back). Each value stands for one database, empty at first.
public protocol HistoryContractDatabase: Sendable {
    /// Opens the database (the same one on every call), runs `body` with the store, then closes it.
    func withHistoryStore(_ body: (any OutboxStore & HistoryStore) async throws -> Void) async throws
}
