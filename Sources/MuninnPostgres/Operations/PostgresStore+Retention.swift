import Foundation
import Logging
import MuninnCore
import PostgresNIO

extension PostgresStore {
    /// Incidents removed per transaction: each holds its row locks briefly, so the pipeline's commits
    /// interleave with a large prune instead of waiting for all of it.
    static let pruneBatch: Int64 = 500

    public func prune(_ policy: RetentionPolicy, now: Date) async throws(StoreError) -> PruneResult {
        try await perform("could not prune the incident history") { database in
            var result = PruneResult()
            var keptInFlight = Set<Int64>()
            if let maximumAge = policy.maximumAge {
                let seconds = Double(maximumAge.components.seconds) + Double(maximumAge.components.attoseconds) / 1e18
                let cutoff = EpochMilliseconds(now.addingTimeInterval(-seconds)).value
                while true {
                    let removed = try await database.transaction { runner in
                        var sql = BoundSQL()
                        let text = """
                            SELECT id, size_bytes FROM incidents
                            WHERE occurred_at < \(sql.bind(cutoff)) AND \(HistoryQueries.settled)
                            ORDER BY occurred_at, id LIMIT \(sql.bind(Self.pruneBatch))
                            """
                        return try await delete(try await runner.rows(sql.query(text)).map(StoredRow.init), runner: runner)
                    }
                    result.removedByAge += removed.incidents
                    result.deliveriesRemoved += removed.deliveries
                    result.bytesFreed += removed.bytes
                    if removed.selected < Int(Self.pruneBatch) { break }
                }
                var sql = BoundSQL()
                let text = "SELECT id FROM incidents WHERE occurred_at < \(sql.bind(cutoff)) AND NOT (\(HistoryQueries.settled))"
                let inFlight = sql.query(text)
                let kept = try await database.withConnection { runner in try await runner.rows(inFlight) }
                for row in kept.map(StoredRow.init) { keptInFlight.insert(try row.integer("id")) }
                result.changesRemoved = try await Self.pruneChanges(before: cutoff, database: database)
            }
            if let maximumBytes = policy.maximumBytes {
                // Oldest first, continuing after the last incident looked at: in-flight ones are stepped over, not revisited.
                var after: (occurredAt: Int64, id: Int64) = (Int64.min, Int64.min)
                while true {
                    let step = try await database.transaction { runner -> (removed: Removed, kept: [Int64], last: (Int64, Int64)?) in
                        let total = try await Self.foldedSize(runner)
                        let excess = total - Int64(maximumBytes)
                        guard excess > 0 else { return (Removed(), [], nil) }
                        var sql = BoundSQL()
                        let text = """
                            SELECT id, occurred_at, size_bytes, (CASE WHEN \(HistoryQueries.settled) THEN 1 ELSE 0 END)::bigint AS settled
                            FROM incidents
                            WHERE (occurred_at, id) > (\(sql.bind(after.occurredAt)), \(sql.bind(after.id)))
                            ORDER BY occurred_at, id LIMIT \(sql.bind(Self.pruneBatch))
                            """
                        let rows = try await runner.rows(sql.query(text)).map(StoredRow.init)
                        var chosen: [StoredRow] = []
                        var kept: [Int64] = []
                        var freed: Int64 = 0
                        var last: (Int64, Int64)?
                        for row in rows where freed < excess {
                            last = (try row.integer("occurred_at"), try row.integer("id"))
                            if try row.optionalInteger("settled") == 1 {
                                chosen.append(row)
                                freed += try row.optionalInteger("size_bytes") ?? 0
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
            result.bytesRemaining = Int(try await database.transaction { runner in try await Self.foldedSize(runner) })
            return result
        }
    }

    /// Removes stored manifest changes observed before `cutoff`, a batch per transaction. Baselines stay: they are
    /// the watch's state, not history.
    private static func pruneChanges(before cutoff: Int64, database: PooledDatabase) async throws -> Int {
        var removed = 0
        while true {
            let query: PostgresQuery = """
                DELETE FROM changes WHERE id IN (SELECT id FROM changes WHERE observed_at < \(cutoff) ORDER BY observed_at LIMIT \(pruneBatch))
                RETURNING id
                """
            let count = try await database.transaction { runner in try await runner.rows(query).count }
            removed += count
            if count < Int(pruneBatch) { return removed }
        }
    }

    struct Removed {
        var selected = 0
        var incidents = 0
        var deliveries = 0
        var bytes = 0
    }

    /// The history's total size, its deltas folded into one row first (inside the caller's transaction).
    private static func foldedSize(_ runner: QueryRunner) async throws -> Int64 {
        let rows = try await runner.rows(PostgresQuery(unsafeSQL: HistoryQueries.foldSizes))
        return try rows.first.map { try StoredRow($0).integer("bytes") } ?? 0
    }

    /// Deletes the incidents of `rows` (their deliveries go with them) inside the caller's transaction. Another
    /// replica pruning at the same time may have removed some already: those are not counted twice.
    private func delete(_ rows: [StoredRow], runner: QueryRunner) async throws -> Removed {
        guard !rows.isEmpty else { return Removed() }
        var sql = BoundSQL()
        let ids = sql.bind(try rows.map { try $0.integer("id") })
        let text = """
            WITH gone_deliveries AS (SELECT count(*) AS n FROM deliveries WHERE incident_id = ANY(\(ids))),
                gone AS (DELETE FROM incidents WHERE id = ANY(\(ids)) RETURNING size_bytes)
            SELECT (SELECT count(*) FROM gone) AS incidents, (SELECT coalesce(sum(size_bytes), 0) FROM gone)::bigint AS bytes,
                (SELECT n FROM gone_deliveries) AS deliveries
            """
        let summary = try await runner.rows(sql.query(text)).first.map(StoredRow.init)
        let removed = Removed(
            selected: rows.count, incidents: Int(try summary?.integer("incidents") ?? 0), deliveries: Int(try summary?.integer("deliveries") ?? 0),
            bytes: Int(try summary?.integer("bytes") ?? 0))
        logger.debug("pruned incidents", metadata: ["count": "\(removed.incidents)"])
        return removed
    }
}
