import MuninnCore

/// A database the store contract runs against: SQLite in a temporary file, PostgreSQL in a fresh database.
/// Each value stands for one database, empty when the test starts.
public protocol ContractDatabase: Sendable {
    /// Opens the database (the same one on every call), runs `body` with the store, then closes it.
    func withStore(_ body: (any OutboxStore) async throws -> Void) async throws
}
