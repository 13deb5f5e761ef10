import Foundation
import MuninnCore
import MuninnStoreContract
import MuninnTesting
import SQLiteNIO
import Testing

@testable import MuninnStore

/// The full-text index is written behind the alerts (migration 4), yet a search never misses a stored incident.
@Suite(.timeLimit(.minutes(1)))
struct SearchIndexCatchUpTests {
    @Test func aStoredIncidentNotYetIndexedIsFoundBySearch() async throws {
        try await HistoryDatabase.withFilledStore { store, ids async throws in
            #expect(try await store.searchIndexBacklog() == HistoryFixture.samples.count)
            #expect(try await store.indexedRows(matching: "NullPointerException") == 0)
            #expect(try await store.allNames(IncidentQuery(search: "NullPointerException"), ids: ids) == ["npe"])
            #expect(try await store.searchIndexBacklog() == 0)
            #expect(try await store.indexedRows(matching: "NullPointerException") == 1)
        }
    }

    @Test func chartsAndWorkloadCountsSearchTheWholeHistoryToo() async throws {
        try await HistoryDatabase.withFilledStore { store, _ async throws in
            let query = IncidentQuery(search: "nil pointer")
            let buckets = try await store.buckets(query, by: .day)
            #expect(buckets.reasons.map(\.count).reduce(0, +) == 1)
            let workloads = try await store.topWorkloads(query, limit: 5)
            #expect(workloads.map(\.workload.name) == ["ledger"])
        }
    }

    @Test func theIndexCatchesUpInBatches() async throws {
        let bulk = HistoryFixture.bulk(count: 40, first: HistoryFixture.at(minutes: 2_000), spacing: 60)
        try await HistoryDatabase.withFilledStore(extra: bulk) { store, _ async throws in
            let total = HistoryFixture.samples.count + bulk.count
            #expect(try await store.indexPendingSearch(limit: 16) == 16)
            #expect(try await store.searchIndexBacklog() == total - 16)
            #expect(try await store.catchUpSearchIndex() == total - 16)
            #expect(try await store.searchIndexBacklog() == 0)
            #expect(try await store.indexPendingSearch() == 0)
            // Every incident is in the index exactly once.
            #expect(try await store.rawScalar("SELECT count(*) FROM incident_search WHERE incident_search MATCH '\"OOMKilled\"'")?.integer
                == 1 + bulk.filter { $0.reason == "OOMKilled" }.count)
        }
    }

    @Test func anIncidentChangedAfterIndexingIsIndexedAgainOnce() async throws {
        try await HistoryDatabase.with { database async throws in
            try await database.withStore { store async throws in
                let sample = HistoryFixture.Sample(
                    name: "late", namespace: "shop", pod: "late-1", reason: "Error", message: "detected text", logs: "stack with UniqueFrameName",
                    occurredAt: HistoryFixture.at(minutes: 5), outcome: .notEnriched)
                let ids = try await HistoryFixture.fill(store, samples: [sample])
                // Indexed as detected: no alert, no logs yet.
                #expect(try await store.catchUpSearchIndex() == 1)
                #expect(try await store.indexedRows(matching: "UniqueFrameName") == 0)
                let incident = HistoryFixture.incident(sample)
                try await store.commitAlert(
                    incident: try ids.id("late"), alert: HistoryFixture.alert(sample, incident), deliveries: [], suppression: nil,
                    at: HistoryFixture.at(minutes: 6))
                #expect(try await store.searchIndexBacklog() == 1)
                #expect(try await store.allNames(IncidentQuery(search: "UniqueFrameName"), ids: ids) == ["late"])
                #expect(try await store.allNames(IncidentQuery(search: "detected text"), ids: ids) == ["late"])
                #expect(try await store.indexedRows(matching: "late-1") == 1)
            }
        }
    }

    @Test func deletedIncidentsLeaveNothingInTheIndexWhetherIndexedOrNot() async throws {
        try await HistoryDatabase.withFilledStore { store, ids async throws in
            // "npe" indexed and then deleted; "panic" deleted before the index saw it; "oom" indexed, changed, deleted.
            #expect(try await store.indexPendingSearch(limit: 2) == 2)
            _ = try await store.rawRows("UPDATE incidents SET reason = 'Changed' WHERE id = ?", [.integer(Int(try ids.id("oom")))])
            for name in ["npe", "panic", "oom"] {
                _ = try await store.rawRows("DELETE FROM incidents WHERE id = ?", [.integer(Int(try ids.id(name)))])
            }
            #expect(try await store.allNames(IncidentQuery(search: "NullPointerException"), ids: ids) == [])
            #expect(try await store.allNames(IncidentQuery(search: "nil pointer"), ids: ids) == [])
            #expect(try await store.allNames(IncidentQuery(search: "OutOfMemoryError"), ids: ids) == [])
            #expect(try await store.allNames(IncidentQuery(search: "connection refused"), ids: ids) == ["hostile"])
            #expect(try await store.searchIndexBacklog() == 0)
            #expect(try await store.indexedRows(matching: "com.acme") == 0)
        }
    }

    @Test func aRestartBeforeTheIndexCaughtUpLosesNothing() async throws {
        try await HistoryDatabase.with { database async throws in
            var ids: [String: Int64] = [:]
            try await database.withStore { store async throws in
                ids = try await HistoryFixture.fill(store)
                #expect(try await store.indexPendingSearch(limit: 3) == 3)
            }
            try await database.withStore { store async throws in
                #expect(try await store.searchIndexBacklog() == HistoryFixture.samples.count - 3)
                #expect(try await store.allNames(IncidentQuery(search: "worker exited"), ids: ids) == ["queued"])
                #expect(try await store.allNames(IncidentQuery(search: "OutOfMemoryError"), ids: ids) == ["oom"])
                #expect(try await store.indexedRows(matching: "api-7d9f") == 2)
            }
        }
    }

    @Test func aVersionThreeStoreMigratesWithItsIndexComplete() async throws {
        try await HistoryDatabase.with { database async throws in
            var ids: [String: Int64] = [:]
            try await database.withStore(migrations: [SchemaMigrations.outbox, SchemaMigrations.history, SchemaMigrations.changes]) { store async throws in
                ids = try await HistoryFixture.fill(store)
            }
            try await database.withStore { store async throws in
                #expect(try await store.rawScalar("SELECT max(version) FROM schema_migrations")?.integer == SchemaMigrations.latestVersion)
                // Version 3's triggers indexed every row as it was written: nothing is pending.
                #expect(try await store.searchIndexBacklog() == 0)
                #expect(try await store.indexedRows(matching: "nil pointer") == 1)
                let extra = HistoryFixture.Sample(
                    name: "new", namespace: "shop", pod: "new-1", reason: "Error", message: "after the upgrade", occurredAt: HistoryFixture.at(minutes: 9),
                    outcome: .notEnriched)
                ids.merge(try await HistoryFixture.fill(store, samples: [extra])) { $1 }
                #expect(try await store.searchIndexBacklog() == 1)
                #expect(try await store.allNames(IncidentQuery(search: "after the upgrade"), ids: ids) == ["new"])
                #expect(try await store.allNames(IncidentQuery(search: "nil pointer"), ids: ids) == ["panic"])
                let sum = try await store.rawScalar("SELECT sum(size_bytes) FROM incidents")?.integer
                #expect(try await store.rawScalar("SELECT bytes FROM history_size")?.integer == sum)
            }
        }
    }

    @Test func theServiceIndexesWhatIsNoLongerBeingEnriched() async throws {
        try await HistoryDatabase.withFilledStore { store, ids async throws in
            let service = SearchIndexService(store: store)
            // The last sample ("queued") still waits for enrichment: it and whatever follows it are left for later.
            #expect(HistoryFixture.samples.last?.name == "queued")
            #expect(await service.catchUpOnce() == HistoryFixture.samples.count - 1)
            #expect(await service.catchUpOnce() == 0)
            #expect(try await store.searchIndexBacklog() == 1)
            #expect(try await store.allNames(IncidentQuery(search: "worker exited"), ids: ids) == ["queued"])
            #expect(try await store.searchIndexBacklog() == 0)
        }
    }
}

extension SQLiteStore {
    /// Rows the full-text index itself holds for `text`, without bringing it up to date first.
    fileprivate func indexedRows(matching text: String) async throws -> Int {
        try await rawScalar("SELECT count(*) FROM incident_search WHERE incident_search MATCH ?", [.text("\"\(text)\"")])?.integer ?? -1
    }
}
