import Logging
import MuninnCore
import MuninnStore
import MuninnStoreContract

/// A SQLite store file in a temporary directory of its own.
struct TemporarySQLiteDatabase: ContractDatabase {
    let path: String

    static let logger = Logger(label: "muninn.store.tests")

    /// Runs `body` with a database in a new temporary directory, deleted afterwards.
    static func with(_ body: (TemporarySQLiteDatabase) async throws -> Void) async throws {
        try await TemporaryDirectory.with { directory in
            try await body(TemporarySQLiteDatabase(path: directory + "/muninn.db"))
        }
    }

    func withStore(_ body: (any OutboxStore) async throws -> Void) async throws {
        try await withSQLiteStore { try await body($0) }
    }

    func withSQLiteStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        try await SQLiteStore.withStore(path: path, logger: Self.logger, now: { StoreSamples.queueTime }, body)
    }
}
