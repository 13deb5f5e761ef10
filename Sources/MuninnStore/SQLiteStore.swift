import Foundation
import Logging
import MuninnCore
import SQLiteNIO

/// The embedded outbox store: one SQLite file (WAL, synchronous=FULL, foreign keys on) holding the
/// detector memory, the incidents and their deliveries. Safe to call from many tasks at once: writes
/// take turns on one connection, as SQLite allows one writer anyway; the reads the pipeline repeats
/// most use a second, read-only connection, which WAL lets read while the writer commits.
///
/// ```swift
/// try await SQLiteStore.withStore(path: "/var/lib/muninn/muninn.db", logger: logger) { store in
///     let state = try await store.detectionState(cluster: "prod")
///     // ...
/// }
/// ```
public final class SQLiteStore: OutboxStore {
    /// The database file, as given.
    public let path: String
    let connection: SerializedConnection
    let logger: Logger
    /// When incidents are queued; injected so tests control it.
    let now: @Sendable () -> Date

    /// Waits this long for another process (a CLI reading the history) to release the file.
    static let busyTimeoutMilliseconds = 5_000

    private init(path: String, connection: SerializedConnection, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.path = path
        self.connection = connection
        self.logger = logger
        self.now = now
    }

    /// Opens (creating when missing, readable by its owner only) the store at `path` and brings its
    /// schema up to date. Call `close()` when done, or use `withStore`. `now` stamps queued incidents.
    /// - Throws: `StoreError` naming the path when its directory is missing or not writable, the file is
    ///   not a SQLite database, or it was written by a newer Muninn.
    public static func open(path: String, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) async throws(StoreError)
        -> SQLiteStore
    {
        try await open(path: path, logger: logger, now: now, migrations: SchemaMigrations.all)
    }

    /// Opens the store at `path`, runs `body` with it, and closes it however `body` ends.
    public static func withStore<T>(
        path: String, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }, _ body: (SQLiteStore) async throws -> T
    ) async throws -> T {
        let store = try await open(path: path, logger: logger, now: now)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    static func open(
        path: String, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }, migrations: [Migration]
    ) async throws(StoreError) -> SQLiteStore {
        let file = try StoreFile.prepare(path)
        let sqlite: SQLiteConnection
        do {
            sqlite = try await SQLiteConnection.open(storage: .file(path: file), logger: logger).get()
        } catch {
            throw StoreError("cannot open the store at \(path): \(error)")
        }
        let connection = SerializedConnection(connection: sqlite, logger: logger)
        do {
            let isWAL = try await configure(connection, path: path, logger: logger)
            try await SchemaMigrator.migrate(connection, migrations: migrations, path: path, at: now(), logger: logger)
            if isWAL { try await openReader(for: connection, file: file, logger: logger) }
        } catch {
            await connection.close()
            if let error = error as? StoreError { throw error }
            throw StoreError("cannot open the store at \(path): \(error)")
        }
        return SQLiteStore(path: path, connection: connection, logger: logger, now: now)
    }

    /// WAL lets readers (the dashboard, the CLI) read while the daemon writes. synchronous=FULL makes
    /// each commit reach the disk before it returns: under WAL, NORMAL may lose the last commits on a
    /// power cut, and an outbox commit that vanishes would repeat or drop an alert.
    /// - Returns: whether the store is in WAL mode.
    private static func configure(_ connection: SerializedConnection, path: String, logger: Logger) async throws -> Bool {
        try await connection.exclusive { runner in
            // Replaces SQLiteNIO's busy handler, which retries forever without sleeping.
            try await runner.execute("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
            let mode = try await runner.scalar("PRAGMA journal_mode = WAL")?.string
            if mode?.lowercased() != "wal" {
                // Some file systems (network shares) cannot do WAL; the rollback journal is as durable, only slower.
                logger.warning(
                    "the store's file system does not support WAL; using the rollback journal",
                    metadata: ["path": "\(path)", "journalMode": "\(mode ?? "unknown")"])
            }
            try await runner.execute("PRAGMA synchronous = FULL")
            try await runner.execute("PRAGMA foreign_keys = ON")
            return mode?.lowercased() == "wal"
        }
    }

    /// Opens the read-only second connection the hot reads use (see `SerializedConnection.read`).
    private static func openReader(for connection: SerializedConnection, file: String, logger: Logger) async throws {
        let sqlite = try await SQLiteConnection.open(storage: .file(path: file), logger: logger).get()
        do {
            let runner = StatementRunner(connection: sqlite, logger: logger)
            try await runner.execute("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
            try await runner.execute("PRAGMA query_only = ON")
        } catch {
            try? await sqlite.close().get()
            throw error
        }
        connection.attachReader(sqlite)
    }

    /// Closes the store after the operations already under way; later calls fail with a `StoreError`.
    public func close() async {
        await connection.close()
    }

    /// Runs `body` and turns whatever it throws into a `StoreError` that says what failed, and where.
    func perform<T>(_ action: String, _ body: (SerializedConnection) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body(connection)
        } catch let error as StoreError {
            throw StoreError("\(action): \(error.message)")
        } catch {
            throw StoreError("\(action) (store \(path)): \(error)")
        }
    }
}
