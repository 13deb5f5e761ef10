import Logging
import PostgresNIO

/// The store's connection pool and the two ways operations use it.
struct PooledDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Runs `body` on a leased connection, outside any explicit transaction: for single statements, each
    /// atomic and consistent on its own.
    func withConnection<T: Sendable>(_ body: (QueryRunner) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(QueryRunner(connection: connection, logger: logger))
        }
    }

    /// Runs `body` in a READ COMMITTED transaction, committed when it returns and rolled back when it throws.
    /// Rows are locked by the statements themselves (conditional updates, ON CONFLICT), so concurrent callers,
    /// in this process or another replica, wait for each other instead of overwriting. A transaction aborted
    /// by a deadlock or serialization failure runs again from the start.
    func transaction<T: Sendable>(_ body: (QueryRunner) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withConnection { runner in try await Self.runTransaction(runner, body) }
            } catch where TransactionRetry.isRetryable(error) && attempt < TransactionRetry.maximumAttempts {
                logger.debug("retrying a PostgreSQL transaction", metadata: ["attempt": "\(attempt)", "error": "\(String(reflecting: error))"])
                attempt += 1
            }
        }
    }

    private static func runTransaction<T>(_ runner: QueryRunner, _ body: (QueryRunner) async throws -> T) async throws -> T {
        try await runner.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        let result: T
        do {
            result = try await body(runner)
        } catch {
            do {
                try await runner.execute("ROLLBACK")
            } catch let rollbackError {
                runner.logger.warning("rollback after a failed transaction failed", metadata: ["error": "\(String(reflecting: rollbackError))"])
                runner.discardConnection()
            }
            throw error
        }
        try await runner.execute("COMMIT")
        return result
    }
}
