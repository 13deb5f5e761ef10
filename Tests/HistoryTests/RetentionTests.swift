import Foundation
import Logging
import MuninnCore
import MuninnTesting
import SQLiteNIO
import ServiceLifecycle
import Testing

@testable import MuninnStore

/// Pruning by age and by size, never what the pipeline still needs, and the service that does it on a clock.
@Suite(.timeLimit(.minutes(1)))
struct RetentionTests {
    /// The second day at noon: a day's retention ends at noon on the first.
    static let secondNoon = HistoryFixture.at(minutes: 1_680)

    @Test func pruneByAgeKeepsWhatIsInFlight() async throws {
        try await HistoryDatabase.withFilledStore { store, ids in
            let result = try await store.prune(RetentionPolicy(maximumAge: .seconds(86_400)), now: Self.secondNoon)
            // oom (delivered), npe (failed) and backoff (suppressed) are done with; panic still has a pending delivery.
            #expect(result.removedByAge == 3 && result.removedBySize == 0 && result.deliveriesRemoved == 2 && result.keptInFlight == 1)
            let stored = try await store.rawScalar("SELECT sum(size_bytes) FROM incidents")?.integer
            #expect(result.bytesFreed > 0 && result.bytesRemaining == stored)
            #expect(try await store.allNames(IncidentQuery(), ids: ids) == ["queued", "hostile", "panic"])
            #expect(try await store.allNames(IncidentQuery(search: "NullPointerException"), ids: ids) == [])
            let deliveries = try await store.rawScalar("SELECT count(*) FROM deliveries")?.integer
            #expect(deliveries == 2)

            // Once its delivery ends, the old incident goes too.
            let due = try await store.dueDeliveries(now: Self.secondNoon, limit: 10)
            let pending = try #require(due.first { $0.lane.channel == "#panic" })
            try await store.recordAttempt(delivery: pending.id, outcome: .failed(error: "gave up"), at: Self.secondNoon)
            let again = try await store.prune(RetentionPolicy(maximumAge: .seconds(86_400)), now: Self.secondNoon)
            #expect(again.removedByAge == 1 && again.keptInFlight == 0)
            #expect(try await store.allNames(IncidentQuery(), ids: ids) == ["queued", "hostile"])
        }
    }

    @Test func pruneBySizeRemovesTheOldestFirst() async throws {
        let bulk = HistoryFixture.bulk(count: 20, first: HistoryFixture.at(minutes: 5_000), spacing: 60, logBytes: 2_000)
        try await HistoryDatabase.withFilledStore(extra: bulk) { store, ids in
            let total = try await store.rawScalar("SELECT bytes FROM history_size")?.integer
            let before = try #require(total)
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

    @Test func aLimitNothingCanMeetRemovesAllButTheInFlight() async throws {
        try await HistoryDatabase.withFilledStore { store, ids in
            let result = try await store.prune(RetentionPolicy(maximumAge: .seconds(1), maximumBytes: 1), now: Self.secondNoon)
            #expect(result.removed == 4 && result.keptInFlight == 2)
            #expect(try await store.allNames(IncidentQuery(), ids: ids) == ["queued", "panic"])
            #expect(try await store.prune(RetentionPolicy(), now: Self.secondNoon) == PruneResult(bytesRemaining: result.bytesRemaining))
        }
    }

    @Test func serviceRunsAtStartAndThenEveryInterval() async throws {
        try await HistoryDatabase.withFilledStore { store, ids in
            let clock = ManualClock()
            let service = RetentionService(
                store: store, policy: RetentionPolicy(maximumAge: .seconds(86_400)), interval: .seconds(3_600), clock: clock,
                now: { Self.secondNoon }, logger: Logger(label: "retention.test"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                await clock.waitForSleepers(1)
                #expect(try await store.allNames(IncidentQuery(), ids: ids) == ["queued", "hostile", "panic"])

                // An old incident arriving late is removed at the next interval, not before.
                let late = HistoryFixture.bulk(count: 1, first: HistoryFixture.at(minutes: 30), spacing: 0).map {
                    var sample = $0
                    sample.name = "late"
                    return sample
                }
                let lateIDs = try await HistoryFixture.fill(store, samples: late)
                let allIDs = ids.merging(lateIDs) { $1 }
                #expect(try await store.allNames(IncidentQuery(), ids: allIDs).contains("late"))
                clock.advance(by: .seconds(3_600))
                await clock.waitForSleepers(1)
                #expect(try await store.allNames(IncidentQuery(), ids: allIDs) == ["queued", "hostile", "panic"])
                group.cancelAll()
            }
        }
    }

    @Test func aFailedPruneIsLoggedAndTheServiceCarriesOn() async throws {
        try await HistoryDatabase.with { database in
            try await database.withStore { store in
                let service = RetentionService(store: store, policy: RetentionPolicy(maximumAge: .seconds(60)), now: { Self.secondNoon })
                #expect(await service.pruneOnce() == PruneResult())
                await store.close()
                #expect(await service.pruneOnce() == nil)
            }
        }
    }
}
