import Foundation
import Logging
import MuninnCore
import MuninnStoreContract
import MuninnTesting
import SQLiteNIO

@testable import MuninnStore

/// A SQLite store in a temporary directory of its own, removed afterwards.
struct HistoryDatabase: HistoryContractDatabase {
    let path: String

    static let logger = Logger(label: "muninn.history.tests")

    static func with<T>(_ body: (HistoryDatabase) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }  // try?: a temporary directory only
        return try await body(HistoryDatabase(path: directory + "/muninn.db"))
    }

    /// A store holding `HistoryFixture.samples` (and `extra`); `ids` maps sample names to store ids.
    static func withFilledStore(extra: [HistoryFixture.Sample] = [], _ body: (SQLiteStore, [String: Int64]) async throws -> Void) async throws {
        try await with { database in
            try await database.withStore { store in
                let ids = try await HistoryFixture.fill(store, samples: HistoryFixture.samples + extra)
                try await body(store, ids)
            }
        }
    }

    func withHistoryStore(_ body: (any OutboxStore & HistoryStore) async throws -> Void) async throws {
        try await withStore { try await body($0) }
    }

    func withStore(migrations: [Migration] = SchemaMigrations.all, _ body: (SQLiteStore) async throws -> Void) async throws {
        let store = try await SQLiteStore.open(path: path, logger: Self.logger, now: { HistoryFixture.start }, migrations: migrations)
        do {
            try await body(store)
            await store.close()
        } catch {
            await store.close()
            throw error
        }
    }
}

extension SQLiteStore {
    func rawRows(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        try await connection.exclusive { try await $0.rows(sql, binds) }
    }

    func rawScalar(_ sql: String, _ binds: [SQLiteData] = []) async throws -> SQLiteData? {
        try await rawRows(sql, binds).first?.columns.first?.data
    }
}
