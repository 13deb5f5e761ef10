import Foundation
import Logging
import MuninnCore
import SQLiteNIO

extension SQLiteStore {
    /// Incidents removed per transaction: each transaction holds the write lock briefly, so the pipeline's
    /// commits interleave with a large prune instead of waiting for all of it.
    static let pruneBatch = 500

    public func prune(_ policy: RetentionPolicy, now: Date) async throws(StoreError) -> PruneResult {
        try await perform("could not prune the incident history") { connection in
            var result = PruneResult()
            var keptInFlight = Set<Int>()
            if let maximumAge = policy.maximumAge {
                let seconds = Double(maximumAge.components.seconds) + Double(maximumAge.components.attoseconds) / 1e18
                let cutoff = EpochMilliseconds(now.addingTimeInterval(-seconds)).sqlite
                while true {
                    let removed = try await connection.writeTransaction { runner in
                        let rows = try await runner.rows(
                            """
                            SELECT id, size_bytes FROM incidents
                            WHERE occurred_at < ? AND \(HistoryQueries.settled)
                            ORDER BY occurred_at, id LIMIT ?
                            """, [cutoff, .integer(Self.pruneBatch)])
                        return try await delete(rows.map(StoredRow.init), runner: runner)
                    }
                    result.removedByAge += removed.incidents
                    result.deliveriesRemoved += removed.deliveries
                    result.bytesFreed += removed.bytes
                    if removed.incidents < Self.pruneBatch { break }
                }
                let kept = try await connection.exclusive { runner in
                    try await runner.rows("SELECT id FROM incidents WHERE occurred_at < ? AND NOT (\(HistoryQueries.settled))", [cutoff])
                }
                for row in kept.map(StoredRow.init) { keptInFlight.insert(try row.integer("id")) }
                result.changesRemoved = try await pruneChanges(before: cutoff, connection: connection)
            }
            if let maximumBytes = policy.maximumBytes {
                // Oldest first, continuing after the last incident looked at: in-flight ones are stepped over, not revisited.
                var after: (occurredAt: Int, id: Int) = (Int.min, Int.min)
                while true {
                    let step = try await connection.writeTransaction { runner -> (removed: Removed, kept: [Int], last: (Int, Int)?) in
                        let total = try await runner.scalar("SELECT bytes FROM history_size")?.integer ?? 0
                        let excess = total - maximumBytes
                        guard excess > 0 else { return (Removed(), [], nil) }
                        let rows = try await runner.rows(
                            """
                            SELECT id, occurred_at, size_bytes, (\(HistoryQueries.settled)) AS settled FROM incidents
                            WHERE (occurred_at, id) > (?, ?)
                            ORDER BY occurred_at, id LIMIT ?
                            """, [.integer(after.occurredAt), .integer(after.id), .integer(Self.pruneBatch)]
                        ).map(StoredRow.init)
                        var chosen: [StoredRow] = []
                        var kept: [Int] = []
                        var freed = 0
                        var last: (Int, Int)?
                        for row in rows where freed < excess {
                            last = (try row.integer("occurred_at"), try row.integer("id"))
                            if row.optionalInteger("settled") == 1 {
                                chosen.append(row)
                                freed += row.optionalInteger("size_bytes") ?? 0
                            } else {
                                kept.append(try row.integer("id"))
                            }
                        }
                        return (try await delete(chosen, runner: runner), kept, last)
                    }
                    result.removedBySize += step.removed.incidents
                    result.deliveriesRemoved += step.removed.deliveries
                    result.bytesFreed += step.removed.bytes
                    keptInFlight.formUnion(step.kept)
                    guard let last = step.last else { break }
                    after = last
                }
            }
            result.keptInFlight = keptInFlight.count
            result.bytesRemaining = try await connection.exclusive { runner in
                try await runner.scalar("SELECT bytes FROM history_size")?.integer ?? 0
            }
            return result
        }
    }

    /// Removes stored manifest changes observed before `cutoff`, a batch per transaction. Baselines stay: they are
    /// the watch's state, not history.
    private func pruneChanges(before cutoff: SQLiteData, connection: SerializedConnection) async throws -> Int {
        var removed = 0
        while true {
            let count = try await connection.writeTransaction { runner in
                try await runner.rows(
                    "DELETE FROM changes WHERE id IN (SELECT id FROM changes WHERE observed_at < ? ORDER BY observed_at LIMIT ?) RETURNING id",
                    [cutoff, .integer(Self.pruneBatch)]
                ).count
            }
            removed += count
            if count < Self.pruneBatch { return removed }
        }
    }

    struct Removed {
        var incidents = 0
        var deliveries = 0
        var bytes = 0
    }

    /// Deletes the incidents of `rows` (their deliveries go with them) inside the caller's transaction.
    private func delete(_ rows: [StoredRow], runner: StatementRunner) async throws -> Removed {
        guard !rows.isEmpty else { return Removed() }
        let ids = try rows.map { SQLiteData.integer(try $0.integer("id")) }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let deliveries = try await runner.scalar("SELECT count(*) FROM deliveries WHERE incident_id IN (\(placeholders))", ids)?.integer ?? 0
        try await runner.execute("DELETE FROM incidents WHERE id IN (\(placeholders))", ids)
        logger.debug("pruned incidents", metadata: ["count": "\(ids.count)"])
        return Removed(incidents: ids.count, deliveries: deliveries, bytes: rows.reduce(0) { $0 + ($1.optionalInteger("size_bytes") ?? 0) })
    }
}
