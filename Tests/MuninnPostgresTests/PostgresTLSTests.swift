import Foundation
import MuninnCore
import MuninnStoreContract
import PostgresNIO
import MuninnTesting
import Testing

@testable import MuninnPostgres

/// TLS against the real server: scripts/postgres-test-server.sh starts it with `ssl=on` and a certificate for
/// 127.0.0.1 and localhost signed by a CA made at start (`MUNINN_TEST_POSTGRES_CA`), and still accepts plain
/// connections. Each `sslmode` behaves as libpq's: verified modes trust only the CA given, `require` without a CA
/// encrypts without knowing whom it talks to (what `TLSWarnings` warns about), `disable` stays plain.
@Suite(.timeLimit(.minutes(1)))
struct PostgresTLSTests {
    static let caVariable = "MUNINN_TEST_POSTGRES_CA"

    struct NoCA: Error, CustomStringConvertible {
        var description: String {
            "\(PostgresTLSTests.caVariable) is not set: start the test server with scripts/postgres-test-server.sh (it makes a CA and exports its path)"
        }
    }

    static func caPath() throws -> String {
        guard let path = ProcessInfo.processInfo.environment[caVariable], !path.isEmpty else { throw NoCA() }
        return path
    }

    /// `database`'s DSN with `sslmode` and `sslrootcert` changed (and the host, to check the name in the certificate).
    static func dsn(_ database: TemporaryPostgresDatabase, _ mode: PostgresSSLMode, rootCertificate: String?, host: String? = nil) -> PostgresDSN {
        var dsn = database.dsn
        dsn.sslMode = mode
        dsn.sslRootCertificatePath = rootCertificate
        if let host { dsn.host = host }
        return dsn
    }

    /// Whether the server sees this DSN's connection as TLS (`pg_stat_ssl`).
    static func isEncrypted(_ dsn: PostgresDSN) async throws -> Bool {
        let connection = try await PostgresConnection.connect(configuration: try dsn.connectionConfiguration(), id: 1, logger: PostgresTestServer.logger)
        let rows: [PostgresRow]
        do {
            rows = try await QueryRunner(connection: connection, logger: PostgresTestServer.logger).rows(
                "SELECT CASE WHEN ssl THEN 1 ELSE 0 END::BIGINT AS n FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return try rows.first.map { try StoredRow($0).integer("n") } == 1
    }

    /// Opens the store (its own connection for the migrations, then the pool), writes an incident and reads it back.
    static func storeWorks(_ dsn: PostgresDSN) async throws {
        let (queued, waiting) = try await PostgresStore.withStore(dsn: dsn, logger: PostgresTestServer.logger, now: { StoreSamples.queueTime }) { store in
            let queued = try await store.commitDetection(cluster: "prod", incidents: [StoreSamples.incident("tls")], podStates: [])
            return (queued, try await store.incidentsAwaitingEnrichment(limit: 10).map(\.incident.identity))
        }
        #expect(queued == 1 && waiting == ["tls"])
    }

    static func openingError(_ dsn: PostgresDSN) async -> StoreError? {
        do {
            try await PostgresStore.withStore(dsn: dsn, logger: PostgresTestServer.logger) { _ in }
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return StoreError("not a StoreError: \(error)")
        }
    }

    @Test(arguments: ["127.0.0.1", "localhost"])
    func verifyFullWithTheServersCAConnectsEncrypted(host: String) async throws {
        let ca = try Self.caPath()
        try await TemporaryPostgresDatabase.with { database in
            let dsn = Self.dsn(database, .verifyFull, rootCertificate: ca, host: host)
            try await Self.storeWorks(dsn)
            #expect(try await Self.isEncrypted(dsn))
        }
    }

    @Test(arguments: [PostgresSSLMode.verifyFull, .verifyCA, .require])
    func aCAThatDidNotSignTheServersCertificateIsRefused(mode: PostgresSSLMode) async throws {
        _ = try Self.caPath()
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-other-ca-\(UUID().uuidString).pem")
        try TestCertificates.selfSignedCA.write(to: other, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: other) }
        try await TemporaryPostgresDatabase.with { database in
            let error = try #require(await Self.openingError(Self.dsn(database, mode, rootCertificate: other.path)))
            #expect(error.message.hasPrefix("cannot connect to the PostgreSQL database"), "\(error)")
            #expect(error.message.lowercased().contains("certificate"), "names the certificate as the cause: \(error)")
            #expect(!error.message.contains(database.dsn.password ?? "no password"), "the password never appears: \(error)")
        }
    }

    @Test func verifyFullWithoutACAUsesTheSystemRootsWhichDoNotKnowThisServer() async throws {
        _ = try Self.caPath()
        try await TemporaryPostgresDatabase.with { database in
            let error = try #require(await Self.openingError(Self.dsn(database, .verifyFull, rootCertificate: nil)))
            #expect(error.message.lowercased().contains("certificate"), "\(error)")
        }
    }

    /// What the warning is about: `require` (and `prefer`) encrypt, but accept a certificate nobody vouches for.
    @Test(arguments: [PostgresSSLMode.require, .prefer])
    func requireAndPreferEncryptWithoutVerifying(mode: PostgresSSLMode) async throws {
        _ = try Self.caPath()
        try await TemporaryPostgresDatabase.with { database in
            let dsn = Self.dsn(database, mode, rootCertificate: nil)
            try await Self.storeWorks(dsn)
            #expect(try await Self.isEncrypted(dsn))
        }
    }

    @Test func disableStaysPlainWhereTheServerAllowsIt() async throws {
        _ = try Self.caPath()
        try await TemporaryPostgresDatabase.with { database in
            let dsn = Self.dsn(database, .disable, rootCertificate: nil)
            try await Self.storeWorks(dsn)
            #expect(try await !Self.isEncrypted(dsn))
        }
    }
}
