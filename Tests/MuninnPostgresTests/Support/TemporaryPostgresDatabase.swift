import Foundation
import Logging
import MuninnCore
import MuninnStoreContract
import PostgresNIO

@testable import MuninnPostgres

/// A database of its own on the test server, created empty for one test and dropped after it.
struct TemporaryPostgresDatabase: ContractDatabase {
    let dsn: PostgresDSN

    /// Runs `body` with a new, empty database, dropped afterwards (connections still open to it included).
    static func with(_ body: (TemporaryPostgresDatabase) async throws -> Void) async throws {
        var dsn = try PostgresTestServer.dsn()
        let name = "muninn_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try await PostgresTestServer.run([PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")])
        dsn.database = name
        do {
            try await body(TemporaryPostgresDatabase(dsn: dsn))
        } catch {
            _ = try? await PostgresTestServer.run([PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")])
            throw error
        }
        _ = try await PostgresTestServer.run([PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")])
    }

    func withStore(_ body: (any OutboxStore) async throws -> Void) async throws {
        try await withPostgresStore { try await body($0) }
    }

    func withPostgresStore(
        migrations: [PostgresMigration] = PostgresSchemaMigrations.all, _ body: (PostgresStore) async throws -> Void
    ) async throws {
        try await PostgresStore.withStore(
            dsn: dsn, logger: PostgresTestServer.logger, now: { StoreSamples.queueTime }, migrations: migrations, body)
    }

    /// Runs statements on a connection of their own to this database: to look at what is stored, or to damage it.
    func raw(_ statements: PostgresQuery...) async throws -> [PostgresRow] {
        try await PostgresTestServer.run(statements, database: dsn.database).last ?? []
    }
}
