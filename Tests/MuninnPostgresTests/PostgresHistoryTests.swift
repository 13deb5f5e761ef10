import Foundation
import MuninnCore
import MuninnStoreContract
import MuninnTesting
import PostgresNIO
import Testing

@testable import MuninnPostgres

/// What only PostgreSQL's history has to show: the trigram index answering searches, indexes for the
/// list, the running total of sizes, damaged rows, and migrating a database that already holds incidents.
@Suite(.timeLimit(.minutes(1)))
struct PostgresHistoryTests {
    private func withFilledStore(
        _ body: (TemporaryPostgresDatabase, PostgresStore, [String: Int64]) async throws -> Void
    ) async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                let ids = try await HistoryFixture.fill(store)
                try await body(database, store, ids)
            }
        }
    }

    /// The plan of the list query for `query`, with sequential scans priced out (the planner prefers them on
    /// tiny tables; a plan that still scans a table has no index to use).
    private func plan(
        _ query: IncidentQuery, in database: TemporaryPostgresDatabase, pricedOut: [String] = ["enable_seqscan"]
    ) async throws -> [String] {
        var sql = BoundSQL()
        let filter = HistoryFilter(query, paging: true, sql: &sql)
        let text = HistoryQueries.page(filter, limit: sql.bind(Int64(query.effectiveLimit + 1)), withSearchedText: !query.searchTerms.isEmpty)
        let settings = pricedOut.map { PostgresQuery(unsafeSQL: "SET \($0) = off") }
        let rows = try await PostgresTestServer.run(settings + [sql.query("EXPLAIN " + text)], database: database.dsn.database).last ?? []
        return try rows.map { try StoredRow($0).text("QUERY PLAN") }
    }

    @Test func searchUsesTheTrigramIndex() async throws {
        try await withFilledStore { database, _, _ in
            for search in ["NullPointer", "nil pointer dereference", "\"connection refused\""] {
                // On six rows, walking the time index and filtering is cheapest; with plain index scans priced
                // out too, what remains is the trigram index (GIN serves bitmap scans only), if it applies.
                let plan = try await plan(IncidentQuery(search: search), in: database, pricedOut: ["enable_seqscan", "enable_indexscan"])
                #expect(plan.contains { $0.contains("incidents_search") }, "\(search)\n\(plan.joined(separator: "\n"))")
                #expect(!plan.contains { $0.contains("Seq Scan on incidents") }, "\(plan.joined(separator: "\n"))")
            }
        }
    }

    @Test func listsAndFiltersUseIndexes() async throws {
        try await withFilledStore { database, _, _ in
            let queries = [
                IncidentQuery(), IncidentQuery(namespace: "shop"), IncidentQuery(cluster: "prod"), IncidentQuery(pod: "ledger-0"),
                IncidentQuery(workload: WorkloadFilter(parsing: "Deployment/api")), IncidentQuery(reason: "Error"),
                IncidentQuery(kinds: [.cannotStart]), IncidentQuery(cursor: IncidentCursor(occurredAtMilliseconds: 1_795_161_600_000, id: 3)),
            ]
            for query in queries {
                let plan = try await plan(query, in: database)
                #expect(!plan.contains { $0.contains("Seq Scan") }, "\(query)\n\(plan.joined(separator: "\n"))")
            }
        }
    }

    @Test func theRunningTotalFollowsEveryWrite() async throws {
        try await withFilledStore { database, store, _ in
            func sums() async throws -> (sizes: Int64, total: Int64) {
                let row = try #require(
                    try await database.raw(
                        """
                        SELECT (SELECT coalesce(sum(size_bytes), 0) FROM incidents)::bigint AS sizes,
                            (SELECT coalesce(sum(bytes), 0) FROM history_size)::bigint AS total
                        """
                    ).first.map(StoredRow.init))
                return (try row.integer("sizes"), try row.integer("total"))
            }
            let filled = try await sums()
            #expect(filled.sizes > 0 && filled.sizes == filled.total)
            let result = try await store.prune(RetentionPolicy(maximumAge: .seconds(86_400)), now: HistoryContract.secondNoon)
            let pruned = try await sums()
            #expect(pruned.sizes == pruned.total && Int64(result.bytesRemaining) == pruned.sizes)
            // The prune folded the deltas into one row.
            let rows = try await database.raw("SELECT count(*) AS n FROM history_size").first.map(StoredRow.init)
            #expect(try rows?.integer("n") == 1)
        }
    }

    /// Two replicas queueing, enriching and pruning at once: the running total stays the sum of the sizes.
    @Test func theRunningTotalHoldsUnderConcurrentReplicas() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { first in
                try await database.withPostgresStore { second in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for (replica, store) in [first, second].enumerated() {
                            group.addTask {
                                for index in 0..<40 {
                                    // Overlapping identities: both replicas queue some of the same incidents.
                                    let identity = "uid-\(index % 30 + replica * 10)/app/c1"
                                    try await store.commitDetection(cluster: "prod", incidents: [StoreSamples.incident(identity)], podStates: [])
                                    if let item = try await store.incidentsAwaitingEnrichment(limit: 1).first {
                                        try await store.commitAlert(
                                            incident: item.id, alert: StoreSamples.alert(for: item), deliveries: [], suppression: nil, at: StoreSamples.at(1))
                                    }
                                    if index % 10 == 9 { _ = try await store.prune(RetentionPolicy(maximumBytes: 20_000), now: StoreSamples.at(2)) }
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                    let row = try #require(
                        try await database.raw(
                            """
                            SELECT (SELECT coalesce(sum(size_bytes), 0) FROM incidents)::bigint AS sizes,
                                (SELECT coalesce(sum(bytes), 0) FROM history_size)::bigint AS total
                            """
                        ).first.map(StoredRow.init))
                    #expect(try row.integer("sizes") > 0 && row.integer("sizes") == row.integer("total"))
                }
            }
        }
    }

    @Test func aDamagedRecordIsShownWithItsProblemNotHidden() async throws {
        try await withFilledStore { database, store, ids in
            let id = try ids.id("oom")
            // JSONB refuses broken JSON, so damage here is JSON of the wrong shape.
            _ = try await database.raw("UPDATE incidents SET alert = '{\"broken\": [1, 2]}' WHERE id = \(id)")
            let record = try #require(try await store.incident(id: id))
            #expect(record.alert == nil && record.problems.count == 1 && record.summary.reason == "OOMKilled")
            #expect(try await store.incidents(IncidentQuery()).items.count == 6)
            #expect(try await store.allNames(IncidentQuery(search: "OutOfMemoryError"), ids: ids) == [])
        }
    }

    @Test func likeWildcardsInSearchesAreText() async throws {
        try await withFilledStore { _, store, ids throws in
            #expect(try await store.allNames(IncidentQuery(search: "%"), ids: ids) == [])
            #expect(try await store.allNames(IncidentQuery(search: "a_i"), ids: ids) == [])
            #expect(try await store.allNames(IncidentQuery(search: "\\"), ids: ids) == [])
            #expect(try await store.allNames(IncidentQuery(search: "api-7d9f-x2"), ids: ids) == ["npe", "oom"])
        }
    }

    @Test func migratingADatabaseWithIncidentsIndexesThemAll() async throws {
        try await TemporaryPostgresDatabase.with { database in
            var ids: [String: Int64] = [:]
            try await database.withPostgresStore(migrations: [PostgresSchemaMigrations.outbox]) { store in
                ids = try await HistoryFixture.fill(store)
            }
            try await database.withPostgresStore { store in
                #expect(try await store.allNames(IncidentQuery(search: "NullPointer"), ids: ids) == ["npe"])
                #expect(try await store.allNames(IncidentQuery(search: "StatefulSet/ledger"), ids: ids) == ["backoff", "panic"])
                let sizes = try await database.raw("SELECT coalesce(sum(size_bytes), 0)::bigint AS n FROM incidents").first.map(StoredRow.init)
                let total = try await HistoryContract.totalBytes(store)
                let summed = try sizes?.integer("n")
                #expect(total > 0 && Int64(total) == summed)
            }
        }
    }
}
