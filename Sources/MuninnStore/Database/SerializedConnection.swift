import Logging
import SQLiteNIO
import Synchronization

/// The store's SQLite writer connection, used by one operation at a time, and its reader.
///
/// Write transactions that arrive together share one commit (group commit). Under synchronous=FULL every
/// commit waits for the disk (about 5 ms on a cloud volume), and the pipeline's three stages each commit
/// for every alert, so one commit per transaction held the whole pipeline to about 60 alerts a second. Each
/// write that joins an open group runs under its own savepoint, so a failing one undoes only its own work (the
/// write that opens the group is alone in it, and a failure there rolls the transaction back); the others return
/// only once their commit is durable, exactly as before.
final class SerializedConnection: Sendable {
    private struct Group {
        var isOpen = false
        /// Writers whose work is in the open transaction, waiting for its commit.
        var waiting: [CommitTicket] = []
    }

    /// A group commits at the latest when this many writers share it, so none waits behind an endless queue.
    static let maximumGroupSize = 64

    private let runner: StatementRunner
    private let gate = AsyncGate()
    private let group = Mutex(Group())
    private let isClosed = Mutex(false)
    /// A second, read-only connection for `read`: under WAL it reads the last commit while the writer waits for
    /// the disk, so the delivery stage's reads do not queue behind every fsync.
    private let reader = Mutex<StatementRunner?>(nil)
    private let readerGate = AsyncGate()
    private let logger: Logger

    init(connection: SQLiteConnection, logger: Logger) {
        self.runner = StatementRunner(connection: connection, logger: logger)
        self.logger = logger
    }

    /// Gives `read` its own connection (to the same file, in WAL mode, opened after the schema is in place).
    func attachReader(_ connection: SQLiteConnection) {
        reader.withLock { $0 = StatementRunner(connection: connection, logger: logger, readsOnly: true) }
    }

    /// Runs `body`, which only reads, on the reader connection when there is one: it sees every write whose call
    /// has returned (those are committed), never a write still waiting for its group's commit. Without a reader
    /// it is `exclusive`.
    func read<T>(_ body: (StatementRunner) async throws -> T) async throws -> T {
        guard let readRunner = reader.withLock({ $0 }) else { return try await exclusive(body) }
        return try await readerGate.withExclusiveAccess {
            guard !isClosed.withLock({ $0 }) else { throw StoreClosedError() }
            return try await body(readRunner)
        }
    }

    /// Runs `body` with the connection to itself, outside any explicit transaction (the writes waiting for
    /// a group commit are committed first, so what it reads is durable).
    func exclusive<T>(_ body: (StatementRunner) async throws -> T) async throws -> T {
        try await gate.withExclusiveAccess {
            guard !isClosed.withLock({ $0 }) else { throw StoreClosedError() }
            await commitGroupReportingToWriters()
            return try await body(runner)
        }
    }

    /// Runs `body` in a write transaction (taken up front, `BEGIN IMMEDIATE`, so it cannot fail halfway for a
    /// lock upgrade) and returns once it is committed; rolled back when `body` throws.
    func writeTransaction<T>(_ body: (StatementRunner) async throws -> T) async throws -> T {
        let (result, ticket): (T, CommitTicket?) = try await gate.withExclusiveAccess {
            guard !isClosed.withLock({ $0 }) else { throw StoreClosedError() }
            // The writer that opens the transaction has it to itself until it returns: a failure rolls back all of it,
            // so it needs no savepoint (two statements, each a trip to SQLite's thread, saved in every uncontended write).
            let opensGroup = !group.withLock { $0.isOpen }
            if opensGroup {
                try await runner.execute("BEGIN IMMEDIATE")
                group.withLock { $0.isOpen = true }
            } else {
                try await runner.execute("SAVEPOINT muninn_write")
            }
            let result: T
            do {
                result = try await body(runner)
                if !opensGroup { try await runner.execute("RELEASE muninn_write") }
            } catch {
                if opensGroup {
                    await abandonGroup(after: error)
                } else {
                    await undoLastWrite(after: error)
                    // Nobody else may come through to commit what the others wrote.
                    if !gate.hasWaiters { await commitGroupReportingToWriters() }
                }
                throw error
            }
            let joinsGroup = gate.hasWaiters && group.withLock { $0.waiting.count < Self.maximumGroupSize - 1 }
            if joinsGroup {
                // The next caller through the gate writes into the same transaction or commits it.
                let ticket = CommitTicket()
                group.withLock { $0.waiting.append(ticket) }
                return (result, ticket)
            }
            try await commitGroup()
            return (result, nil)
        }
        if let ticket { try await ticket.wait() }
        return result
    }

    /// Closes the connection once the operations already waiting have finished; later calls fail.
    func close() async {
        await gate.withExclusiveAccess {
            let wasClosed = isClosed.withLock { closed in
                defer { closed = true }
                return closed
            }
            guard !wasClosed else { return }
            await commitGroupReportingToWriters()
            do {
                try await runner.connection.close().get()
            } catch {
                logger.error("closing the SQLite store failed", metadata: ["error": "\(error)"])
            }
        }
        // Reads under way finish first; later ones see the store closed.
        await readerGate.withExclusiveAccess {
            let detached = reader.withLock { current in
                defer { current = nil }
                return current
            }
            guard let readRunner = detached else { return }
            do {
                try await readRunner.connection.close().get()
            } catch {
                logger.error("closing the SQLite store's reader failed", metadata: ["error": "\(error)"])
            }
        }
    }

    // MARK: - The group's transaction (called only while holding the gate)

    /// Commits the open transaction, if any, and tells every writer in it how it went; throws the commit's error.
    private func commitGroup() async throws {
        let (wasOpen, waiting) = group.withLock { group in
            defer { group = Group() }
            return (group.isOpen, group.waiting)
        }
        guard wasOpen else { return }
        do {
            try await runner.execute("COMMIT")
        } catch {
            await rollBackQuietly()
            for ticket in waiting { ticket.resolve(error) }
            throw error
        }
        for ticket in waiting { ticket.resolve(nil) }
    }

    /// `commitGroup` for a caller that did not write: a failed commit is reported to the writers, not to it.
    private func commitGroupReportingToWriters() async {
        do {
            try await commitGroup()
        } catch {
            logger.debug("group commit failed; its writers were told", metadata: ["error": "\(error)"])
        }
    }

    /// Undoes the failed writer's savepoint. When SQLite already rolled back the whole transaction (a full disk,
    /// an I/O error), the writers waiting in it fail with the same error.
    private func undoLastWrite(after writeError: any Error) async {
        do {
            try await runner.execute("ROLLBACK TO muninn_write")
            try await runner.execute("RELEASE muninn_write")
        } catch {
            await rollBackQuietly()
            let waiting = group.withLock { group in
                defer { group = Group() }
                return group.waiting
            }
            for ticket in waiting { ticket.resolve(writeError) }
        }
    }

    /// Rolls back the transaction of a writer that failed before anyone else wrote into it.
    private func abandonGroup(after writeError: any Error) async {
        await rollBackQuietly()
        let waiting = group.withLock { group in
            defer { group = Group() }
            return group.waiting
        }
        for ticket in waiting { ticket.resolve(writeError) }
    }

    private func rollBackQuietly() async {
        do {
            try await runner.execute("ROLLBACK")
        } catch {
            // Nothing to roll back when SQLite already ended the transaction; anything else is worth a line.
            logger.debug("rollback after a failed transaction", metadata: ["error": "\(error)"])
        }
    }
}
