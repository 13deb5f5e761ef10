import Foundation
import Logging
import MuninnCore
import PostgresNIO

@testable import MuninnPostgres

/// The PostgreSQL server the tests run against, named by `MUNINN_TEST_POSTGRES_DSN` (a superuser, so tests
/// can create and drop databases). scripts/test.sh starts a throwaway one; without it these tests fail.
enum PostgresTestServer {
    static let variable = "MUNINN_TEST_POSTGRES_DSN"
    static let logger = Logger(label: "muninn.postgres.tests")

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            """
            \(PostgresTestServer.variable) is not set: the PostgreSQL store tests need a server. Run the tests with scripts/test.sh \
            (it starts one), or start one yourself: eval "$(scripts/postgres-test-server.sh start)" and then swift test
            """
        }
    }

    /// The server's DSN (pointing at its maintenance database).
    static func dsn() throws -> PostgresDSN {
        guard let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty else { throw NotConfigured() }
        return try PostgresDSN(parsing: text)
    }

    /// Runs `sql` statements one by one on a connection of their own to `database` (the maintenance database by default).
    static func run(_ statements: [PostgresQuery], database: String? = nil) async throws -> [[PostgresRow]] {
        var dsn = try dsn()
        if let database { dsn.database = database }
        let connection = try await PostgresConnection.connect(configuration: try dsn.connectionConfiguration(), id: 1, logger: logger)
        do {
            var results: [[PostgresRow]] = []
            for statement in statements {
                results.append(try await QueryRunner(connection: connection, logger: logger).rows(statement))
            }
            try await connection.close()
            return results
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
