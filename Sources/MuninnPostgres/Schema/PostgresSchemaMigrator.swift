import Foundation
import Logging
import MuninnCore
import PostgresNIO

/// Brings a database up to the newest schema this Muninn knows, in one transaction, and refuses one
/// written by a newer Muninn (its tables may mean things this version would get wrong).
///
/// Several replicas may start at once against one database: each takes the same transaction-scoped
/// advisory lock first, so one migrates while the others wait, then find the schema current.
enum PostgresSchemaMigrator {
    /// The advisory lock key, "muninn" in ASCII: the same for every Muninn, distinct from other applications'.
    static let advisoryLockKey: Int64 = 0x6D75_6E69_6E6E

    static func migrate(
        _ runner: QueryRunner, migrations: [PostgresMigration], dsn: PostgresDSN, at date: Date, logger: Logger
    ) async throws {
        let latest = migrations.last?.version ?? 0
        try await runner.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        do {
            try await runner.execute("SELECT pg_advisory_xact_lock(\(advisoryLockKey))")
            try await runner.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """)
            let rows = try await runner.rows("SELECT coalesce(max(version), 0)::BIGINT AS version FROM schema_migrations")
            let current = try rows.first.map { try StoredRow($0).integer("version") } ?? 0
            guard current <= latest else {
                throw StoreError(
                    "the PostgreSQL database \(dsn) has schema version \(current), newer than this Muninn understands (\(latest)): "
                        + "it was written by a newer Muninn; run that version or point Muninn at another database")
            }
            for migration in migrations where migration.version > current {
                for statement in migration.statements {
                    try await runner.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await runner.execute(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(migration.version), \(migration.name), \(EpochMilliseconds(date).value))
                    """)
                logger.info(
                    "applied store migration",
                    metadata: ["version": "\(migration.version)", "name": "\(migration.name)", "database": "\(dsn)"])
            }
            try await runner.execute("COMMIT")
        } catch {
            // The connection is closed after opening anyway; a failed rollback changes nothing.
            try? await runner.execute("ROLLBACK")
            throw error
        }
    }
}
