import Logging
import SQLiteNIO
import Synchronization

/// Runs statements on the connection while its caller holds the gate.
///
/// Statements go through SQLiteNIO's future-based API on purpose: its async API gives up on task
/// cancellation, which could leave a transaction open between BEGIN and COMMIT/ROLLBACK. A store
/// operation, once started, always runs to its end.
struct StatementRunner: Sendable {
    let connection: SQLiteConnection
    let logger: Logger
    /// Whether `rows` hands results over straight from SQLite's thread (`rowsOutsideTransaction`): for the read-only
    /// connection, which never holds a transaction open, this saves a hop through an event loop on every read.
    var readsOnly = false

    /// Every row `sql` returns.
    func rows(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        if readsOnly { return try await rowsOutsideTransaction(sql, binds) }
        let collector = RowCollector()
        try await connection.query(sql, binds, logger: logger) { row in
            collector.rows.withLock { $0.append(row) }
        }.get()
        return collector.rows.withLock { $0 }
    }

    /// Rows arrive one callback at a time on an event loop; this is where they gather.
    private final class RowCollector: Sendable {
        let rows = Mutex<[SQLiteRow]>([])
    }

    /// Every row `sql` returns, handed over straight from SQLite's thread: faster for large results, but
    /// abandoned when the task is cancelled, so only for reads outside an explicit transaction.
    func rowsOutsideTransaction(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        let collector = RowCollector()
        try await connection.query(sql, binds) { row in
            collector.rows.withLock { $0.append(row) }
        }
        return collector.rows.withLock { $0 }
    }

    /// Runs `sql`, ignoring any rows.
    func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws {
        try await connection.query(sql, binds, logger: logger) { _ in }.get()
    }

    /// The first column of the first row, when there is one.
    func scalar(_ sql: String, _ binds: [SQLiteData] = []) async throws -> SQLiteData? {
        try await rows(sql, binds).first?.columns.first?.data
    }
}
