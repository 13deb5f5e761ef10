import MuninnCore

/// A database the change contract runs against: SQLite in a temporary file, PostgreSQL in a fresh database, or the
/// in-memory fake. Each value stands for one database, empty when the test starts.
public protocol ChangeContractDatabase: Sendable {
    /// Opens the database (the same one on every call), runs `body` with the store, then closes it.
    func withChangeStore(_ body: (any ChangeStore) async throws -> Void) async throws
}
