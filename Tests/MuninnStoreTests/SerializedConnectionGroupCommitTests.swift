import Logging
import SQLiteNIO
import Testing

@testable import MuninnStore

/// Write transactions that arrive together share one commit: each still sees only its own work undone when it
/// fails, and returns only when its work is committed (visible to another connection on the same file).
@Suite(.timeLimit(.minutes(1)))
struct SerializedConnectionGroupCommitTests {
    /// A connection to a new WAL database at `path` with a `rows` table created by `schema`.
    private static func connection(at path: String, schema: String) async throws -> SerializedConnection {
        let logger = TemporarySQLiteDatabase.logger
        let connection = SerializedConnection(connection: try await SQLiteConnection.open(storage: .file(path: path), logger: logger).get(), logger: logger)
        try await connection.exclusive { runner in
            try await runner.execute("PRAGMA journal_mode = WAL")
            try await runner.execute(schema)
        }
        return connection
    }

    @Test func concurrentWritersShareCommitsAndAFailingOneUndoesOnlyItsOwnWork() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/group.db"
            let logger = TemporarySQLiteDatabase.logger
            let connection = SerializedConnection(connection: try await SQLiteConnection.open(storage: .file(path: path), logger: logger).get(), logger: logger)
            let observer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger).get()
            try await connection.exclusive { runner in
                try await runner.execute("PRAGMA journal_mode = WAL")
                try await runner.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL)")
                try await runner.execute("INSERT INTO rows (id, writer) VALUES (1000, -1)")
            }
            // Every fifth writer inserts the row that already exists and fails after writing one of its own.
            let outcomes = await withTaskGroup(of: (Int, Bool, Int).self) { group in
                for writer in 0..<60 {
                    group.addTask {
                        do {
                            try await connection.writeTransaction { runner in
                                try await runner.execute("INSERT INTO rows (id, writer) VALUES (?, ?)", [.integer(writer), .integer(writer)])
                                if writer % 5 == 0 { try await runner.execute("INSERT INTO rows (id, writer) VALUES (1000, ?)", [.integer(writer)]) }
                            }
                            // Returned: the row must be committed, so another connection sees it.
                            let seen = try await observer.query("SELECT count(*) FROM rows WHERE writer = ?", [.integer(writer)]).get()
                            return (writer, true, seen.first?.column("count(*)")?.integer ?? -1)
                        } catch {
                            return (writer, false, 0)
                        }
                    }
                }
                var outcomes: [(Int, Bool, Int)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            for (writer, succeeded, seen) in outcomes {
                #expect(succeeded == (writer % 5 != 0), "writer \(writer)")
                if succeeded { #expect(seen == 1, "writer \(writer) returned before its row was committed") }
            }
            let rows = try await observer.query("SELECT writer FROM rows WHERE writer >= 0 ORDER BY writer").get().compactMap { $0.column("writer")?.integer }
            #expect(rows == (0..<60).filter { $0 % 5 != 0 })
            try await observer.close().get()
            await connection.close()
        }
    }

    @Test func aWriterAloneInItsTransactionThatFailsLeavesNothingAndTheNextOneCommits() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/group.db"
            let connection = try await Self.connection(at: path, schema: "CREATE TABLE rows (id INTEGER PRIMARY KEY)")
            try await connection.exclusive { try await $0.execute("INSERT INTO rows (id) VALUES (1000)") }
            // No other writer: this one opens the group's transaction, without a savepoint, and fails after writing.
            await #expect(throws: (any Error).self) {
                try await connection.writeTransaction { runner in
                    try await runner.execute("INSERT INTO rows (id) VALUES (1)")
                    try await runner.execute("INSERT INTO rows (id) VALUES (1000)")
                }
            }
            try await connection.writeTransaction { try await $0.execute("INSERT INTO rows (id) VALUES (2)") }
            let ids = try await connection.exclusive { try await $0.rows("SELECT id FROM rows ORDER BY id") }.compactMap { $0.column("id")?.integer }
            #expect(ids == [2, 1000])
            await connection.close()
        }
    }

    @Test func aReadAfterGroupedWritesSeesThemCommitted() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/group.db"
            let connection = try await Self.connection(at: path, schema: "CREATE TABLE rows (id INTEGER PRIMARY KEY)")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in 0..<20 {
                    group.addTask { try await connection.writeTransaction { try await $0.execute("INSERT INTO rows (id) VALUES (?)", [.integer(id)]) } }
                    if id % 4 == 0 {
                        group.addTask {
                            // Never inside the group's open transaction: BEGIN would fail there ("within a transaction").
                            try await connection.exclusive { runner in
                                try await runner.execute("BEGIN")
                                try await runner.execute("ROLLBACK")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let count = try await connection.exclusive { try await $0.rows("SELECT count(*) AS n FROM rows") }.first?.column("n")?.integer
            #expect(count == 20)
            await connection.close()
        }
    }
}
