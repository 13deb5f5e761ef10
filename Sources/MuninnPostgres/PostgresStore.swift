import Foundation
import Logging
import MuninnCore
import PostgresNIO

/// The PostgreSQL outbox store: the same tables, semantics and contract as `SQLiteStore`, in a database that
/// several clusters and several Muninn replicas share. Each method is one atomic transaction (or one
/// statement), safe under concurrent callers in this process and in other replicas.
///
/// The store lives inside `withStore`: its connection pool runs in a child task of that scope and closes
/// when the scope ends.
///
/// ```swift
/// try await PostgresStore.withStore(dsn: "postgres://muninn:secret@db:5432/muninn?sslmode=verify-full", logger: logger) { store in
///     let state = try await store.detectionState(cluster: "prod")
///     // ...
/// }
/// ```
public final class PostgresStore: OutboxStore {
    /// Where the store is, as given (its description hides the password).
    public let dsn: PostgresDSN
    let database: PooledDatabase
    let logger: Logger
    /// When incidents are queued; injected so tests control it.
    let now: @Sendable () -> Date

    /// Connections per store: the outbox's stages and the dashboard's readers, with room to spare, while
    /// several replicas together stay far below PostgreSQL's default of 100.
    public static let defaultMaximumConnections = 10

    private init(dsn: PostgresDSN, database: PooledDatabase, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.dsn = dsn
        self.database = database
        self.logger = logger
        self.now = now
    }

    /// Connects to the database named by `dsn` (see `PostgresDSN`), brings its schema up to date, runs
    /// `body` with the store, and closes the store however `body` ends. `now` stamps queued incidents.
    /// - Throws: `StoreError` when the DSN is malformed, the server cannot be reached or refuses the login,
    ///   or the database was written by a newer Muninn (the message shows the DSN without its password);
    ///   otherwise whatever `body` throws.
    public static func withStore<T>(
        dsn: String, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        maximumConnections: Int = defaultMaximumConnections, _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        try await withStore(
            dsn: try PostgresDSN(parsing: dsn), logger: logger, now: now, maximumConnections: maximumConnections,
            migrations: PostgresSchemaMigrations.all, body)
    }

    /// `withStore` with a DSN already parsed.
    public static func withStore<T>(
        dsn: PostgresDSN, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        maximumConnections: Int = defaultMaximumConnections, _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        try await withStore(
            dsn: dsn, logger: logger, now: now, maximumConnections: maximumConnections, migrations: PostgresSchemaMigrations.all, body)
    }

    static func withStore<T>(
        dsn: PostgresDSN, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        maximumConnections: Int = defaultMaximumConnections, migrations: [PostgresMigration], _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        try await migrate(dsn: dsn, logger: logger, at: now(), migrations: migrations)
        let client = PostgresClient(
            configuration: try dsn.clientConfiguration(maximumConnections: max(1, maximumConnections)), backgroundLogger: logger)
        let store = PostgresStore(dsn: dsn, database: PooledDatabase(client: client, logger: logger), logger: logger, now: now)
        return try await withThrowingDiscardingTaskGroup(returning: T.self) { group in
            group.addTask { await client.run() }
            do {
                let result = try await body(store)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// Opening goes through one connection of its own, not the pool: a server that is down or refuses the
    /// login fails here at once with the reason, where the pool would keep retrying for a minute.
    private static func migrate(dsn: PostgresDSN, logger: Logger, at date: Date, migrations: [PostgresMigration]) async throws(StoreError) {
        let configuration = try dsn.connectionConfiguration()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw StoreError("cannot connect to the PostgreSQL database \(dsn): \(PostgresErrorText.describe(error))")
        }
        do {
            try await PostgresSchemaMigrator.migrate(
                QueryRunner(connection: connection, logger: logger), migrations: migrations, dsn: dsn, at: date, logger: logger)
        } catch {
            try? await connection.close()
            if let error = error as? StoreError { throw error }
            throw StoreError("cannot prepare the schema of the PostgreSQL database \(dsn): \(PostgresErrorText.describe(error))")
        }
        do {
            try await connection.close()
        } catch {
            logger.debug("closing the migration connection failed", metadata: ["error": "\(PostgresErrorText.describe(error))"])
        }
    }

    /// Runs `body` and turns whatever it throws into a `StoreError` that says what failed, and where.
    func perform<T>(_ action: String, _ body: (PooledDatabase) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body(database)
        } catch let error as StoreError {
            throw StoreError("\(action): \(error.message)")
        } catch {
            throw StoreError("\(action) (PostgreSQL \(dsn)): \(PostgresErrorText.describe(error))")
        }
    }
}
