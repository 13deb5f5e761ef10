import Foundation
import Logging
import MuninnCore
import SQLiteNIO

extension SQLiteStore {
    /// Incidents per catch-up transaction: large enough that the trigram index flushes and merges rarely, small enough
    /// that an alert's commit waiting behind it waits tens of milliseconds, not seconds.
    public static let searchIndexBatchSize = 256

    /// Indexes up to `limit` of the incidents stored or changed since the full-text index last caught up (only those
    /// with ids up to `through`, when given), in one transaction, oldest first.
    /// - Returns: how many pending incidents the batch covered (0 when there were none).
    @discardableResult
    public func indexPendingSearch(limit: Int = SQLiteStore.searchIndexBatchSize, through: Int64? = nil) async throws(StoreError) -> Int {
        guard limit > 0 else { return 0 }
        return try await perform("could not update the search index") { connection in
            try await connection.writeTransaction { runner in
                guard var end = try await runner.scalar(SearchIndexQueries.batchEnd, [.integer(limit)])?.integer else { return 0 }
                if let through { end = min(end, Int(through)) }
                try await runner.execute(SearchIndexQueries.removeOutdated, [.integer(end)])
                try await runner.execute(SearchIndexQueries.insertCurrent, [.integer(end)])
                return try await runner.rows(SearchIndexQueries.clearBatch, [.integer(end)]).count
            }
        }
    }

    /// Brings the full-text index up to date with every incident stored or changed before the call, a batch per
    /// transaction (other writes go between the batches).
    /// - Parameter settledOnly: index only the incidents queued before the oldest one still awaiting enrichment (the
    ///   background's choice: the others are about to change); a search takes everything.
    /// - Returns: how many pending incidents were covered.
    @discardableResult
    public func catchUpSearchIndex(settledOnly: Bool = false) async throws(StoreError) -> Int {
        // Bounded by the newest incident pending now: incidents stored meanwhile are the next catch-up's, so a steady
        // stream of new incidents cannot keep this loop going.
        guard let newest = try await newestPendingSearch(settledOnly: settledOnly) else { return 0 }
        var covered = 0
        while true {
            let batch = try await indexPendingSearch(through: newest)
            guard batch > 0 else { return covered }
            covered += batch
        }
    }

    /// How many incidents wait for the full-text index.
    public func searchIndexBacklog() async throws(StoreError) -> Int {
        try await perform("could not read the search index's backlog") { connection in
            try await connection.read { runner in
                try await runner.scalar(SearchIndexQueries.backlog)?.integer ?? 0
            }
        }
    }

    /// The id of the newest incident waiting for the index, read after every write that returned.
    private func newestPendingSearch(settledOnly: Bool) async throws(StoreError) -> Int64? {
        try await perform("could not read the search index's backlog") { connection in
            try await connection.read { runner in
                let sql = settledOnly ? SearchIndexQueries.newestSettledPending : SearchIndexQueries.newestPending
                return try await runner.scalar(sql)?.integer.map(Int64.init)
            }
        }
    }
}
