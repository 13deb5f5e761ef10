import Foundation
import Logging
import MuninnCore
import MuninnStoreContract
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

    @Test func theRunningTotalFollowsEveryWrite() async throws {
        try await HistoryDatabase.withFilledStore { store, _ in
            let sum = try await store.rawScalar("SELECT sum(size_bytes) FROM incidents")?.integer
            let total = try await store.rawScalar("SELECT bytes FROM history_size")?.integer
            #expect(sum != nil && sum == total)
            let result = try await store.prune(RetentionPolicy(maximumAge: .seconds(86_400)), now: Self.secondNoon)
            let remaining = try await store.rawScalar("SELECT sum(size_bytes) FROM incidents")?.integer
            #expect(result.bytesRemaining == remaining)
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
