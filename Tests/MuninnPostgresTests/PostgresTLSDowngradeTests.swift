import Logging
import MuninnCore
import Testing

@testable import MuninnPostgres

/// A server without TLS (it answers `N` to the SSLRequest): `sslmode=require` must refuse it before anything is
/// sent in the clear; `prefer` goes on in plain text, as libpq does. Against a fake server (``PlainPostgresServer``),
/// since the test server has TLS.
@Suite(.timeLimit(.minutes(1)))
struct PostgresTLSDowngradeTests {
    static let password = "plain-text-SECRET-9f2c"

    private func dsn(port: Int, _ mode: PostgresSSLMode) -> PostgresDSN {
        PostgresDSN(host: "127.0.0.1", port: port, user: "muninn", password: Self.password, database: "muninn", sslMode: mode, connectTimeoutSeconds: 5)
    }

    private func openingError(_ dsn: PostgresDSN) async -> StoreError? {
        do {
            try await PostgresStore.withStore(dsn: dsn, logger: Logger(label: "muninn.postgres.tests")) { _ in }
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return StoreError("not a StoreError: \(error)")
        }
    }

    @Test func requiredTLSIsNotDowngraded() async throws {
        try await PlainPostgresServer.with { port, connections in
            let error = try #require(await openingError(dsn(port: port, .require)))
            #expect(error.message.contains("does not support TLS"), "\(error)")
            #expect(error.message.contains("127.0.0.1:\(port)/muninn"), "\(error)")
            #expect(!error.message.contains(Self.password), "\(error)")
            var seen = connections.makeAsyncIterator()
            let connection = try #require(await seen.next())
            #expect(connection.askedForTLS)
            #expect(connection.plainStartupProtocol == nil, "a StartupMessage went out in the clear: \(connection)")
        }
    }

    @Test func preferredTLSFallsBackToPlainText() async throws {
        try await PlainPostgresServer.with { port, connections in
            // The fake closes after the StartupMessage, so the opening fails, but not over TLS.
            let error = try #require(await openingError(dsn(port: port, .prefer)))
            #expect(!error.message.contains("TLS"), "\(error)")
            #expect(!error.message.contains(Self.password), "\(error)")
            var seen = connections.makeAsyncIterator()
            let connection = try #require(await seen.next())
            #expect(connection.askedForTLS)
            #expect(connection.plainStartupProtocol == 196_608)
            #expect(connection.plainStartupParameters["user"] == "muninn")
            #expect(connection.plainStartupParameters["database"] == "muninn")
        }
    }

    @Test func disabledTLSDoesNotAsk() async throws {
        try await PlainPostgresServer.with { port, connections in
            _ = try #require(await openingError(dsn(port: port, .disable)))
            var seen = connections.makeAsyncIterator()
            let connection = try #require(await seen.next())
            #expect(!connection.askedForTLS)
        }
    }
}
