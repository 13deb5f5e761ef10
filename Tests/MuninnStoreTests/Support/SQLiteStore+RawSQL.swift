import SQLiteNIO

@testable import MuninnStore

extension SQLiteStore {
    /// Runs SQL on the store's own connection: to look at what is stored, or to damage it on purpose.
    func rawRows(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        try await connection.exclusive { try await $0.rows(sql, binds) }
    }

    func rawScalar(_ sql: String, _ binds: [SQLiteData] = []) async throws -> SQLiteData? {
        try await rawRows(sql, binds).first?.columns.first?.data
    }
}
