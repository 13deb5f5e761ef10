import Logging
import SQLiteNIO
import Synchronization

/// The store's single SQLite connection, used by one operation at a time.
final class SerializedConnection: Sendable {
    private let runner: StatementRunner
    private let gate = AsyncGate()
    private let isClosed = Mutex(false)
    private let logger: Logger

    init(connection: SQLiteConnection, logger: Logger) {
        self.runner = StatementRunner(connection: connection, logger: logger)
        self.logger = logger
    }

    /// Runs `body` with the connection to itself, outside any explicit transaction.
    func exclusive<T>(_ body: (StatementRunner) async throws -> T) async throws -> T {
        try await gate.withExclusiveAccess {
            guard !isClosed.withLock({ $0 }) else { throw StoreClosedError() }
            return try await body(runner)
        }
    }

    /// Runs `body` in a write transaction: taken up front (`BEGIN IMMEDIATE`) so it cannot fail halfway
    /// for lock upgrades, committed when `body` returns, rolled back when it throws.
    func writeTransaction<T>(_ body: (StatementRunner) async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN IMMEDIATE", body)
    }

    private func transaction<T>(begin: String, _ body: (StatementRunner) async throws -> T) async throws -> T {
        try await exclusive { runner in
            try await runner.execute(begin)
            do {
                let result = try await body(runner)
                try await runner.execute("COMMIT")
                return result
            } catch {
                do {
                    try await runner.execute("ROLLBACK")
                } catch let rollbackError {
                    // Nothing to roll back when COMMIT already ended the transaction; anything else is worth a line.
                    logger.debug("rollback after a failed transaction", metadata: ["error": "\(rollbackError)"])
                }
                throw error
            }
        }
    }

    /// Closes the connection once the operations already waiting have finished; later calls fail.
    func close() async {
        await gate.withExclusiveAccess {
            let wasClosed = isClosed.withLock { closed in
                defer { closed = true }
                return closed
            }
            guard !wasClosed else { return }
            do {
                try await runner.connection.close().get()
            } catch {
                logger.error("closing the SQLite store failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
