import Foundation
import MuninnCore
import MuninnStoreContract
import SQLiteNIO
import Testing

@testable import MuninnStore

/// Opening a store: bad paths, foreign files, schema versions, durability settings.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteStoreOpeningTests {
    private let logger = TemporarySQLiteDatabase.logger

    private func openingError(_ path: String, migrations: [Migration] = SchemaMigrations.all) async -> StoreError? {
        do {
            let store = try await SQLiteStore.open(path: path, logger: logger, migrations: migrations)
            await store.close()
            return nil
        } catch {
            return error
        }
    }

    @Test func missingDirectoryIsNamed() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/missing/muninn.db"
            let error = try #require(await openingError(path))
            #expect(error.message.contains(path) && error.message.contains("does not exist"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/missing"))
        }
    }

    @Test func parentThatIsAFileIsNamed() async throws {
        try await TemporaryDirectory.with { directory in
            let plain = directory + "/plain"
            try Data("x".utf8).write(to: URL(fileURLWithPath: plain))
            let error = try #require(await openingError(plain + "/muninn.db"))
            #expect(error.message.contains(plain) && error.message.contains("not a directory"))
        }
    }

    @Test func directoryInsteadOfAFileIsNamed() async throws {
        try await TemporaryDirectory.with { directory in
            let error = try #require(await openingError(directory))
            #expect(error.message.contains(directory) && error.message.contains("is a directory"))
        }
    }

    @Test func emptyPathIsRefused() async throws {
        let error = try #require(await openingError(""))
        #expect(error.message.contains("empty"))
    }

    @Test func fileThatIsNotADatabaseIsRefusedAndKept() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/notes.txt"
            let text = String(repeating: "these are my notes, not a database\n", count: 200)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let error = try #require(await openingError(path))
            #expect(error.message.contains(path))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        }
    }

    @Test func newFileIsOwnerOnlyAndDurable() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                let settings = try await ["journal_mode", "synchronous", "foreign_keys", "busy_timeout"].asyncMap {
                    try await store.rawScalar("PRAGMA \($0)")?.string
                }
                // synchronous 2 is FULL.
                #expect(settings == ["wal", "2", "1", "\(SQLiteStore.busyTimeoutMilliseconds)"])
            }
            let permissions = try FileManager.default.attributesOfItem(atPath: database.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
        }
    }

    @Test func databaseFromANewerMuninnIsRefusedUntouched() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                try await store.commitDetection(cluster: "prod", incidents: [StoreSamples.incident("a")], podStates: [])
                _ = try await store.rawRows("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)")
            }
            for _ in 0..<2 {
                let error = try #require(await openingError(database.path))
                #expect(error.message.contains(database.path) && error.message.contains("newer"))
                #expect(error.message.contains("99"))
            }
        }
    }

    @Test func olderDatabaseIsMigratedKeepingItsData() async throws {
        let next = Migration(version: SchemaMigrations.latestVersion + 1, name: "test: notes", statements: ["CREATE TABLE notes (text TEXT)"])
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                try await store.commitDetection(cluster: "prod", incidents: [StoreSamples.incident("a")], podStates: [])
            }
            let store = try await SQLiteStore.open(path: database.path, logger: logger, migrations: SchemaMigrations.all + [next])
            let versions = try await store.rawRows("SELECT version FROM schema_migrations ORDER BY version").compactMap { $0.column("version")?.integer }
            #expect(versions == Array(1...next.version))
            #expect(try await store.rawScalar("SELECT count(*) FROM notes")?.integer == 0)
            #expect(try await store.incidentsAwaitingEnrichment(limit: 10).map(\.incident.identity) == ["a"])
            await store.close()
        }
    }

    @Test func failedMigrationChangesNothing() async throws {
        let broken = Migration(
            version: SchemaMigrations.latestVersion + 1, name: "test: broken",
            statements: ["CREATE TABLE half_done (x)", "THIS IS NOT SQL"])
        try await TemporarySQLiteDatabase.with { database in
            try await database.withStore { _ in }
            let error = try #require(await openingError(database.path, migrations: SchemaMigrations.all + [broken]))
            #expect(error.message.contains(database.path))
            try await database.withSQLiteStore { store in
                let version = try await store.rawScalar("SELECT max(version) FROM schema_migrations")?.integer
                let halfDone = try await store.rawScalar("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")?.integer
                #expect(version == SchemaMigrations.latestVersion && halfDone == 0)
            }
        }
    }

    @Test func closedStoreFailsClearly() async throws {
        try await TemporarySQLiteDatabase.with { database in
            let store = try await SQLiteStore.open(path: database.path, logger: logger)
            await store.close()
            await store.close()
            let error = await #expect(throws: StoreError.self) { try await store.detectionState(cluster: "prod") }
            #expect(error?.message.contains("closed") == true)
        }
    }
}
