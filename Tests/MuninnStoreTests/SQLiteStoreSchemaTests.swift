import Foundation
import MuninnCore
import MuninnStoreContract
import SQLiteNIO
import Testing

@testable import MuninnStore

/// What SQLite keeps and how it finds it: columns for the history, index use, damaged rows.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteStoreSchemaTests {
    @Test func hotQueriesUseIndexesNotScans() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                let queries: [(String, [SQLiteData])] = [
                    (StoreQueries.awaitingEnrichment, [.integer(10)]),
                    (StoreQueries.dueDeliveries, [.integer(0), .integer(10)]),
                    (StoreQueries.nextDeliveryDue, []),
                    (StoreQueries.threadParent, [.text("lane"), .text("key"), .integer(0)]),
                ]
                for (query, binds) in queries {
                    let plan = try await store.rawRows("EXPLAIN QUERY PLAN " + query, binds).compactMap { $0.column("detail")?.string }
                    // A SCAN of a table without an index reads every row; scanning a subquery's few rows is fine.
                    let tableScans = plan.filter { $0.hasPrefix("SCAN") && !$0.contains("INDEX") && !$0.contains("heads") }
                    #expect(tableScans.isEmpty, "\(query)\n\(plan.joined(separator: "\n"))")
                }
            }
        }
    }

    @Test func incidentColumnsAndSuppressionAreKept() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                let incident = StoreSamples.incident("uid-a/app/c1", observedAt: StoreSamples.at(10))
                try await store.commitDetection(cluster: "prod", incidents: [incident], podStates: [])
                var row = try #require(try await store.rawRows("SELECT * FROM incidents").first)
                #expect(row.column("kind")?.string == "containerTerminated")
                #expect(row.column("pod")?.string == incident.podName && row.column("pod_uid")?.string == incident.podUID)
                #expect(row.column("exit_code")?.integer == 137 && row.column("reason")?.string == "OOMKilled")
                #expect(row.column("occurred_at")?.integer == EpochMilliseconds(StoreSamples.at(9)).value)
                #expect(row.column("workload_kind")?.isNull == true && row.column("alert")?.isNull == true)

                let queued = try #require(try await store.incidentsAwaitingEnrichment(limit: 1).first)
                try await store.commitAlert(
                    incident: queued.id, alert: StoreSamples.alert(for: queued), deliveries: [], suppression: "muted by rule 3", at: StoreSamples.at(20))
                row = try #require(try await store.rawRows("SELECT * FROM incidents").first)
                #expect(row.column("suppression")?.string == "muted by rule 3")
                #expect(row.column("enriched_at")?.integer == EpochMilliseconds(StoreSamples.at(20)).value)
                #expect(row.column("workload_kind")?.string == "Deployment" && row.column("workload_name")?.string == "api")
                let alert = try StoredJSON.value(Alert.self, from: try #require(row.column("alert")?.string))
                #expect(alert == StoreSamples.alert(for: queued))
            }
        }
    }

    @Test func deliveryRecordsKeepTheReceipt() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                try await StoreContract(database).queueAlerted(store, "a", lanes: [StoreSamples.opsLane], threadKey: "k", at: StoreSamples.at(0))
                let due = try #require(try await store.dueDeliveries(now: StoreSamples.at(0), limit: 1).first)
                try await store.recordAttempt(delivery: due.id, outcome: .retry(error: "ratelimited", next: StoreSamples.at(2)), at: StoreSamples.at(1))
                let receipt = DeliveryReceipt(messageID: "1700000002.000100", channel: "C024BE91L", note: "log uploaded as file F1")
                try await store.recordAttempt(delivery: due.id, outcome: .delivered(receipt), at: StoreSamples.at(2))
                let row = try #require(try await store.rawRows("SELECT * FROM deliveries").first)
                #expect(row.column("status")?.string == "delivered" && row.column("attempts")?.integer == 2)
                #expect(row.column("destination")?.string == "slack-main" && row.column("channel")?.string == "#ops")
                #expect(row.column("last_error")?.string == "ratelimited")
                #expect(row.column("message_id")?.string == receipt.messageID)
                #expect(row.column("delivered_at")?.integer == EpochMilliseconds(StoreSamples.at(2)).value)
                #expect(try StoredJSON.value(DeliveryReceipt.self, from: try #require(row.column("receipt")?.string)) == receipt)
            }
        }
    }

    @Test func lanesNeverShareAKey() {
        let lanes = [
            DeliveryLane(destination: "a", channel: nil), DeliveryLane(destination: "a", channel: ""),
            DeliveryLane(destination: "a#b", channel: nil), DeliveryLane(destination: "a", channel: "b"),
            DeliveryLane(destination: "a#", channel: "b"), DeliveryLane(destination: "a", channel: "#b"),
        ]
        #expect(Set(lanes.map(\.storeKey)).count == lanes.count)
    }

    @Test func unreadableQueuedIncidentIsSetAsideNotLost() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                let incidents = ["a", "b", "c"].map { StoreSamples.incident($0) }
                try await store.commitDetection(cluster: "prod", incidents: incidents, podStates: [])
                _ = try await store.rawRows("UPDATE incidents SET incident = '{\"broken' WHERE identity = 'a'")
                #expect(try await store.incidentsAwaitingEnrichment(limit: 10).map(\.incident.identity) == ["b", "c"])
                #expect(try await store.incidentsAwaitingEnrichment(limit: 1).map(\.incident.identity) == ["b"])
                let kept = try #require(try await store.rawRows("SELECT * FROM incidents WHERE identity = 'a'").first)
                #expect(kept.column("suppression")?.string?.hasPrefix("unreadable incident record") == true)
                #expect(kept.column("incident")?.string == "{\"broken")
            }
        }
    }

    @Test func unreadableAlertFailsItsDeliveryAndFreesTheLane() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                let contract = StoreContract(database)
                try await contract.queueAlerted(store, "a", lanes: [StoreSamples.opsLane], at: StoreSamples.at(0))
                try await contract.queueAlerted(store, "b", lanes: [StoreSamples.opsLane], at: StoreSamples.at(1))
                _ = try await store.rawRows("UPDATE incidents SET alert = 'not json' WHERE identity = 'a'")
                #expect(try await store.dueDeliveries(now: StoreSamples.at(5), limit: 10).isEmpty)
                #expect(try await contract.dueNames(store, at: StoreSamples.at(5)) == ["b@slack-main/#ops"])
                let failed = try #require(try await store.rawRows("SELECT * FROM deliveries WHERE status = 'failed'").first)
                #expect(failed.column("last_error")?.string?.hasPrefix("stored alert unreadable") == true)
            }
        }
    }

    @Test func unreadableDetectorRecordIsSkipped() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                let good = StoreSamples.podRecord("good")
                try await store.commitDetection(
                    cluster: "prod", incidents: [], podStates: [StoreSamples.update(good), StoreSamples.update(StoreSamples.podRecord("bad"))])
                _ = try await store.rawRows("UPDATE detection_pods SET record = '[]' WHERE name = 'bad'")
                #expect(try await store.detectionState(cluster: "prod")?.pods == [good])
            }
        }
    }

    @Test func deletingAnIncidentDeletesItsDeliveries() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                try await StoreContract(database).queueAlerted(store, "a", lanes: [StoreSamples.opsLane, StoreSamples.devLane], at: StoreSamples.at(0))
                #expect(try await store.rawScalar("SELECT count(*) FROM deliveries")?.integer == 2)
                _ = try await store.rawRows("DELETE FROM incidents")
                #expect(try await store.rawScalar("SELECT count(*) FROM deliveries")?.integer == 0)
            }
        }
    }
}
