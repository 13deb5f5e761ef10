import Logging
import NIOCore
import PostgresNIO

/// Runs statements on one leased connection.
///
/// Statements go through PostgresNIO's future-based API on purpose: its async row sequences give up on task
/// cancellation, which could leave a transaction open between BEGIN and COMMIT/ROLLBACK on a connection
/// that then returns to the pool. A store operation, once started, always runs to its end.
struct QueryRunner: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row `query` returns.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        let result: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        return try await result.get().rows
    }

    /// Runs `query`, ignoring any rows.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }

    /// Drops the connection: after a failed ROLLBACK its transaction state is unknown, and the pool must
    /// not hand it to the next operation.
    func discardConnection() {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenFailure { [logger] error in
            logger.debug("closing a PostgreSQL connection after a failed rollback", metadata: ["error": "\(error)"])
        }
    }
}
