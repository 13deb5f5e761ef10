import Foundation
import Logging
import MuninnCore
import SQLiteNIO

/// Brings a database up to the newest schema this Muninn knows, in one transaction, and refuses one
/// written by a newer Muninn (its tables may mean things this version would get wrong).
enum SchemaMigrator {
    static func migrate(
        _ connection: SerializedConnection, migrations: [Migration], path: String, at date: Date, logger: Logger
    ) async throws {
        let latest = migrations.last?.version ?? 0
        try await connection.writeTransaction { runner in
            try await runner.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at INTEGER NOT NULL
                )
                """)
            let current = try await runner.scalar("SELECT max(version) FROM schema_migrations")?.integer ?? 0
            guard current <= latest else {
                throw StoreError(
                    "\(path) has schema version \(current), newer than this Muninn understands (\(latest)): "
                        + "it was written by a newer Muninn; run that version or point Muninn at another file")
            }
            for migration in migrations where migration.version > current {
                for statement in migration.statements {
                    try await runner.execute(statement)
                }
                try await runner.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.integer(migration.version), .text(migration.name), EpochMilliseconds(date).sqlite])
                logger.info(
                    "applied store migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)", "path": "\(path)"])
            }
        }
    }
}
