import Foundation
import MuninnCore
import MuninnStoreContract
import MuninnTesting
import SQLiteNIO
import Testing

@testable import MuninnStore

/// The history's SQL finds rows through indexes, and an existing store gains search on upgrade.
@Suite(.timeLimit(.minutes(1)))
struct HistorySchemaTests {
    @Test func everyFilterIsIndexDriven() async throws {
        let now = HistoryFixture.start
        let queries: [IncidentQuery] = [
            IncidentQuery(), IncidentQuery(cluster: "prod"), IncidentQuery(namespace: "shop"),
            IncidentQuery(workload: WorkloadFilter(kind: "Deployment", name: "api")), IncidentQuery(pod: "api-1"), IncidentQuery(container: "app"),
            IncidentQuery(reason: "OOMKilled"), IncidentQuery(kinds: [.cannotStart, .notReady]), IncidentQuery(since: now, until: now),
            IncidentQuery(cluster: "prod", namespace: "shop", pod: "api-1"), IncidentQuery(search: "NullPointerException"),
            IncidentQuery(namespace: "shop", search: "connection refused"),
            IncidentQuery(cursor: IncidentCursor(occurredAtMilliseconds: 5, id: 3)),
        ]
        try await HistoryDatabase.withFilledStore { store, _ in
            for query in queries {
                let filter = HistoryFilter(query, paging: true)
                let statements: [(String, [SQLiteData])] = [
                    (HistoryQueries.page(filter, withSearchedText: false), filter.binds + [.integer(10)]),
                    (HistoryQueries.buckets(filter), [.integer(1), .integer(1)] + filter.binds),
                    (HistoryQueries.workloads(filter), filter.binds),
                ]
                for (index, (sql, binds)) in statements.enumerated() {
                    // Counting the whole history reads every incident, whichever way: only there may the table be scanned.
                    if index > 0 && filter.conditions.isEmpty { continue }
                    let plan = try await store.rawRows("EXPLAIN QUERY PLAN " + sql, binds).compactMap { $0.column("detail")?.string }
                    // A SCAN of incidents or deliveries without an index reads every row; the search table is a virtual table.
                    let scans = plan.filter { $0.hasPrefix("SCAN") && !$0.contains("INDEX") }
                    #expect(scans.isEmpty, "\(query)\n\(plan.joined(separator: "\n"))")
                }
            }
            let record = try await store.rawRows("EXPLAIN QUERY PLAN " + HistoryQueries.record, [.integer(1)]).compactMap { $0.column("detail")?.string }
            #expect(record.allSatisfy { !$0.hasPrefix("SCAN") || $0.contains("INDEX") }, "\(record)")
        }
    }

    @Test func sizesAndTheSearchIndexFollowEveryWrite() async throws {
        try await HistoryDatabase.withFilledStore { store, ids in
            let sum = try await store.rawScalar("SELECT sum(length(CAST(incident AS BLOB)) + coalesce(length(CAST(alert AS BLOB)), 0)) FROM incidents")
            let total = try await store.rawScalar("SELECT bytes FROM history_size")?.integer
            let perRow = try await store.rawScalar("SELECT sum(size_bytes) FROM incidents")?.integer
            #expect(total == sum?.integer && perRow == sum?.integer)
            _ = try await store.rawRows("DELETE FROM incidents WHERE id = ?", [.integer(Int(try ids.id("npe")))])
            #expect(try await store.allNames(IncidentQuery(search: "NullPointerException"), ids: ids) == [])
            let after = try await store.rawScalar("SELECT sum(size_bytes) FROM incidents")?.integer
            let totalAfter = try await store.rawScalar("SELECT bytes FROM history_size")?.integer
            #expect(totalAfter == after)
        }
    }

    @Test func aVersionOneStoreGainsSearchOnUpgrade() async throws {
        try await HistoryDatabase.with { database in
            var ids: [String: Int64] = [:]
            try await database.withStore(migrations: [SchemaMigrations.outbox]) { store in
                ids = try await HistoryFixture.fill(store)
            }
            try await database.withStore { store in
                let version = try await store.rawScalar("SELECT max(version) FROM schema_migrations")?.integer
                #expect(version == SchemaMigrations.latestVersion)
                #expect(try await store.allNames(IncidentQuery(search: "nil pointer"), ids: ids) == ["panic"])
                #expect(try await store.allNames(IncidentQuery(search: "worker exited"), ids: ids) == ["queued"])
                let sum = try await store.rawScalar("SELECT sum(size_bytes) FROM incidents")?.integer ?? 0
                let total = try await store.rawScalar("SELECT bytes FROM history_size")?.integer
                #expect(sum > 0 && total == sum)
            }
        }
    }
}
