import Foundation
import MuninnCore
import MuninnStoreContract
import PostgresNIO
import Testing

@testable import MuninnPostgres

/// Opening a store: migrations under concurrent opens, newer schemas, unreachable servers, bad logins.
@Suite(.timeLimit(.minutes(1)))
struct PostgresStoreOpeningTests {
    private func openingError(_ dsn: PostgresDSN, migrations: [PostgresMigration] = PostgresSchemaMigrations.all) async -> StoreError? {
        do {
            try await PostgresStore.withStore(dsn: dsn, logger: PostgresTestServer.logger, migrations: migrations) { _ in }
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return StoreError("not a StoreError: \(error)")
        }
    }

    /// Replicas starting together: the advisory lock lets one migrate while the others wait, then all work.
    @Test func concurrentOpensMigrateOnce() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for replica in 0..<4 {
                    group.addTask {
                        try await database.withPostgresStore { store in
                            try await store.commitDetection(cluster: "cluster-\(replica)", incidents: [StoreSamples.incident("i-\(replica)")], podStates: [])
                        }
                    }
                }
                try await group.waitForAll()
            }
            let migrations = try await database.raw("SELECT version, name FROM schema_migrations")
            #expect(migrations.count == PostgresSchemaMigrations.all.count)
            let incidents = try await database.raw("SELECT count(*) AS n FROM incidents")
            #expect(try incidents.first.map { try StoredRow($0).integer("n") } == 4)
        }
    }

    @Test func reopeningKeepsTheSchemaVersion() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { _ in }
            try await database.withPostgresStore { _ in }
            let rows = try await database.raw("SELECT max(version)::BIGINT AS version, count(*) AS n FROM schema_migrations")
            let row = try #require(rows.first.map(StoredRow.init))
            #expect(try row.integer("version") == Int64(PostgresSchemaMigrations.latestVersion) && row.integer("n") == Int64(PostgresSchemaMigrations.all.count))
        }
    }

    @Test func databaseFromANewerMuninnIsRefusedUntouched() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                try await store.commitDetection(cluster: "prod", incidents: [StoreSamples.incident("a")], podStates: [])
            }
            _ = try await database.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)")
            let error = try #require(await openingError(database.dsn))
            #expect(error.message.contains("schema version 99") && error.message.contains("newer Muninn"), "\(error)")
            #expect(error.message.contains(database.dsn.database))
            if let password = database.dsn.password { #expect(!error.message.contains(password)) }
            let incidents = try await database.raw("SELECT count(*) AS n FROM incidents")
            #expect(try incidents.first.map { try StoredRow($0).integer("n") } == 1)
        }
    }

    /// A migration that fails leaves the database as it was: DDL is transactional in PostgreSQL.
    @Test func failedMigrationChangesNothing() async throws {
        try await TemporaryPostgresDatabase.with { database in
            let broken = PostgresMigration(version: 2, name: "broken", statements: ["CREATE TABLE half_done (id BIGINT)", "NOT SQL"])
            let error = try #require(await openingError(database.dsn, migrations: PostgresSchemaMigrations.all + [broken]))
            #expect(error.message.contains("syntax error"), "\(error)")
            let tables = try await database.raw("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")
            #expect(try tables.first.map { try StoredRow($0).integer("n") } == 0)
        }
    }

    @Test func serverThatIsDownIsNamed() async throws {
        var dsn = try PostgresTestServer.dsn()
        // Nothing listens on port 1 of the loopback interface.
        dsn.port = 1
        dsn.database = "muninn"
        let error = try #require(await openingError(dsn))
        #expect(error.message.contains("cannot connect") && error.message.contains("127.0.0.1:1/muninn"), "\(error)")
        #expect(error.message.lowercased().contains("refused"), "\(error)")
        if let password = dsn.password { #expect(!error.message.contains(password)) }
    }

    @Test func wrongPasswordIsNamedWithoutIt() async throws {
        var dsn = try PostgresTestServer.dsn()
        dsn.password = "not-the-password-SECRET"
        let error = try #require(await openingError(dsn))
        #expect(error.message.contains("password authentication failed"), "\(error)")
        #expect(!error.message.contains("SECRET"), "\(error)")
    }

    @Test func missingDatabaseIsNamed() async throws {
        var dsn = try PostgresTestServer.dsn()
        dsn.database = "no_such_database_here"
        let error = try #require(await openingError(dsn))
        #expect(error.message.contains("no_such_database_here") && error.message.contains("does not exist"), "\(error)")
    }

    @Test func operationsAfterTheScopeFailClearly() async throws {
        try await TemporaryPostgresDatabase.with { database in
            var escaped: PostgresStore?
            try await database.withPostgresStore { escaped = $0 }
            let store = try #require(escaped)
            let error = try await #require(throws: StoreError.self) { try await store.nextDeliveryDue() }
            #expect(error.message.contains("closed"), "\(error)")
        }
    }
}
