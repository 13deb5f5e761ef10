import Foundation
import MuninnCore
import MuninnTesting
import Testing

// MARK: Pruning by age and by size, never what the pipeline still needs.
extension HistoryContract {
    /// The second day at noon: a day's retention ends at noon on the first.
    public static let secondNoon = HistoryFixture.at(minutes: 1_680)

    public func pruneByAgeKeepsWhatIsInFlight() async throws {
        try await withFilledStore { store, ids in
            let result = try await store.prune(RetentionPolicy(maximumAge: .seconds(86_400)), now: Self.secondNoon)
            // oom (delivered), npe (failed) and backoff (suppressed) are done with; panic still has a pending delivery.
            #expect(result.removedByAge == 3 && result.removedBySize == 0 && result.deliveriesRemoved == 2 && result.keptInFlight == 1)
            #expect(result.bytesFreed > 0 && result.bytesRemaining > 0)
            #expect(try await Self.totalBytes(store) == result.bytesRemaining)
            #expect(try await store.allNames(IncidentQuery(), ids: ids) == ["queued", "hostile", "panic"])
            #expect(try await store.allNames(IncidentQuery(search: "NullPointerException"), ids: ids) == [])
            // The deliveries of the pruned incidents went with them; the kept ones still have theirs.
            #expect(try await store.incident(id: try ids.id("oom")) == nil)
            #expect(try await store.incident(id: try ids.id("hostile"))?.deliveries.count == 1)
            #expect(try await store.incident(id: try ids.id("panic"))?.deliveries.count == 1)

            // Once its delivery ends, the old incident goes too.
            let due = try await store.dueDeliveries(now: Self.secondNoon, limit: 10)
            let pending = try #require(due.first { $0.lane.channel == "#panic" })
            try await store.recordAttempt(delivery: pending.id, outcome: .failed(error: "gave up"), at: Self.secondNoon)
            let again = try await store.prune(RetentionPolicy(maximumAge: .seconds(86_400)), now: Self.secondNoon)
            #expect(again.removedByAge == 1 && again.keptInFlight == 0)
            #expect(try await store.allNames(IncidentQuery(), ids: ids) == ["queued", "hostile"])
        }
    }

    public func pruneBySizeRemovesTheOldestFirst() async throws {
        let bulk = HistoryFixture.bulk(count: 20, first: HistoryFixture.at(minutes: 5_000), spacing: 60, logBytes: 2_000)
        try await withFilledStore(extra: bulk) { store, ids in
            let before = try await Self.totalBytes(store)
            let limit = before / 2
            let result = try await store.prune(RetentionPolicy(maximumBytes: limit), now: Self.secondNoon)
            #expect(result.removedBySize > 0 && result.removedByAge == 0 && result.bytesRemaining <= limit)
            #expect(result.bytesRemaining == before - result.bytesFreed)
            // Only the in-flight samples (the pending panic, the unenriched worker) were stepped over.
            #expect(result.keptInFlight == 2)
            let left = try await store.allNames(IncidentQuery(), ids: ids)
            #expect(left.contains("panic") && left.contains("queued") && left.contains("bulk-19") && !left.contains("oom"))
            // Removed strictly oldest first: the bulk that is left is its newest part.
            let keptBulk = left.filter { $0.hasPrefix("bulk-") }.compactMap { Int($0.dropFirst(5)) }.sorted()
            #expect(keptBulk == Array((20 - keptBulk.count)..<20))
            #expect(try await store.prune(RetentionPolicy(maximumBytes: limit), now: Self.secondNoon).removed == 0)
        }
    }

    public func aLimitNothingCanMeetRemovesAllButTheInFlight() async throws {
        try await withFilledStore { store, ids in
            let result = try await store.prune(RetentionPolicy(maximumAge: .seconds(1), maximumBytes: 1), now: Self.secondNoon)
            #expect(result.removed == 4 && result.keptInFlight == 2)
            #expect(try await store.allNames(IncidentQuery(), ids: ids) == ["queued", "panic"])
            #expect(try await store.prune(RetentionPolicy(), now: Self.secondNoon) == PruneResult(bytesRemaining: result.bytesRemaining))
        }
    }
}
