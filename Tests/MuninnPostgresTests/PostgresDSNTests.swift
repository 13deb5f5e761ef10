import MuninnCore
import NIOSSL
import Testing

@testable import MuninnPostgres

/// Reading DSNs: what each part means, and errors that name the problem but never the password.
@Suite struct PostgresDSNTests {
    private static let secret = "s3cr/t?p@ss#word"

    @Test func fullDSNIsRead() throws {
        let dsn = try PostgresDSN(
            parsing: "postgres://muninn:pa%3Ass@db.example.com:6543/history?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=3&application_name=muninn-eu")
        #expect(dsn.host == "db.example.com" && dsn.port == 6543)
        #expect(dsn.user == "muninn" && dsn.password == "pa:ss" && dsn.database == "history")
        #expect(dsn.sslMode == .verifyFull && dsn.sslRootCertificatePath == "/etc/ca.pem")
        #expect(dsn.connectTimeoutSeconds == 3 && dsn.applicationName == "muninn-eu")
    }

    @Test func defaultsFollowLibpq() throws {
        let dsn = try PostgresDSN(parsing: "postgresql://muninn@localhost")
        #expect(dsn.port == 5432 && dsn.database == "muninn" && dsn.password == nil && dsn.sslMode == .prefer)
        #expect(dsn.applicationName == "muninn" && dsn.connectTimeoutSeconds == 10)
    }

    @Test func ipv6HostsAreBracketed() throws {
        let dsn = try PostgresDSN(parsing: "postgres://u:p@[::1]:5433/db?sslmode=disable")
        #expect(dsn.host == "::1" && dsn.port == 5433 && dsn.sslMode == .disable)
        #expect(dsn.description == "postgres://u:***@[::1]:5433/db?sslmode=disable")
    }

    /// A password with reserved characters left unencoded still parses: only the last '@' ends it.
    @Test func unencodedPasswordCharactersAreKept() throws {
        let dsn = try PostgresDSN(parsing: "postgres://muninn:\(Self.secret)@db:5432/muninn?sslmode=require")
        #expect(dsn.password == Self.secret && dsn.host == "db" && dsn.database == "muninn" && dsn.sslMode == .require)
    }

    @Test func descriptionHidesThePassword() throws {
        let dsn = try PostgresDSN(parsing: "postgres://muninn:\(Self.secret)@db/muninn")
        #expect(dsn.description == "postgres://muninn:***@db:5432/muninn?sslmode=prefer")
        #expect(!"\(dsn)".contains("s3cr"))
        #expect(!String(reflecting: dsn).contains("s3cr"))
        var dumped = ""
        dump(dsn, to: &dumped)
        #expect(!dumped.contains("s3cr") && dumped.contains("***"))
    }

    @Test(arguments: [
        ("", "empty"),
        ("mysql://muninn:SECRET@db/muninn", "postgres://"),
        ("db.example.com:5432", "postgres://"),
        ("postgres://db.example.com/muninn", "no user"),
        ("postgres://:SECRET@db/muninn", "no user"),
        ("postgres://muninn:SECRET@/muninn", "no host"),
        ("postgres://muninn:SECRET@db:port/muninn", "\"port\""),
        ("postgres://muninn:SECRET@db:70000/muninn", "1 to 65535"),
        ("postgres://muninn:SECRET@a,b/muninn", "several hosts"),
        ("postgres://muninn:SECRET@[::1/muninn", "closing ']'"),
        ("postgres://muninn:SECRET@db/muninn?sslmode=allow", "\"allow\""),
        ("postgres://muninn:SECRET@db/muninn?sslmode=bogus", "verify-full"),
        ("postgres://muninn:SECRET@db/muninn?password=SECRET", "\"password\""),
        ("postgres://muninn:SECRET@db/muninn?connect_timeout=0", "connect_timeout"),
        ("postgres://muninn:SECRET%zz@db/muninn", "percent-encoding"),
    ])
    func malformedDSNsAreNamedWithoutThePassword(dsn: String, expected: String) {
        do {
            _ = try PostgresDSN(parsing: dsn)
            Issue.record("\(expected): accepted")
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("SECRET"), "\(error.message)")
        }
    }

    @Test func sslModesMapToTLSChecks() throws {
        #expect(try PostgresDSN(parsing: "postgres://u@h?sslmode=disable").tlsConfiguration() == nil)
        #expect(try PostgresDSN(parsing: "postgres://u@h?sslmode=require").tlsConfiguration()?.certificateVerification == CertificateVerification.none)
        #expect(try PostgresDSN(parsing: "postgres://u@h?sslmode=verify-ca").tlsConfiguration()?.certificateVerification == .noHostnameVerification)
        #expect(try PostgresDSN(parsing: "postgres://u@h?sslmode=verify-full").tlsConfiguration()?.certificateVerification == .fullVerification)
    }

    @Test func missingRootCertificateIsNamed() throws {
        let dsn = try PostgresDSN(parsing: "postgres://u:SECRET@h/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem")
        let error = try #require(throws: StoreError.self) { try dsn.tlsConfiguration() }
        #expect(error.message.contains("/nonexistent/ca.pem") && !error.message.contains("SECRET"))
    }
}
