import Foundation
import Testing

@testable import Muninn

/// `store:`: the SQLite file, or a PostgreSQL DSN (a secret), and retention.
@Suite struct StoreConfigurationTests {
    @Test func aPostgresDSNIsASecretCheckedWhenTheFileIsRead() throws {
        let configuration = try MuninnConfiguration.parse(
            """
            store:
              dsn: postgres://muninn:s3cr3t-pw@db.internal:5432/muninn?sslmode=require
              retention:
                maxAge: 72h
                maxBytes: 0
            """, file: "muninn.yaml")
        #expect(configuration.store.postgresDSN?.value.hasPrefix("postgres://muninn:") == true)
        #expect(configuration.store.retentionMaxAge == .seconds(72 * 3600))
        #expect(configuration.store.retentionMaxBytes == nil)
        let summary = ConfigurationSummary(configuration: configuration).lines.joined(separator: "\n")
        #expect(summary.contains("store: PostgreSQL postgres://muninn:***@db.internal:5432/muninn"))
        #expect(!summary.contains("s3cr3t-pw"))
    }

    @Test func aBrokenDSNNamesItsLineWithoutThePassword() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse(
                """
                store:
                  path: muninn.db
                  dsn: mysql://root:hunter2@db/muninn
                """, file: "muninn.yaml")
        }
        #expect(error.line == 3)
        #expect(!"\(error)".contains("hunter2"))
    }

    @Test func theDSNCanComeFromTheEnvironment() throws {
        var configuration = MuninnConfiguration()
        try configuration.applyEnvironment(["MUNINN_STORE_DSN": "postgresql://m:pw@127.0.0.1/muninn"])
        #expect(configuration.store.postgresDSN?.source == .environment("MUNINN_STORE_DSN"))
        #expect(throws: ConfigurationError.self) { try configuration.applyEnvironment(["MUNINN_STORE_DSN": "nonsense"]) }
    }
}
