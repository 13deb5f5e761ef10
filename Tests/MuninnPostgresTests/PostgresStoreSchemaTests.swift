import Foundation
import MuninnCore
import MuninnStoreContract
import PostgresNIO
import Testing

@testable import MuninnPostgres

/// What PostgreSQL keeps and how it finds it: columns for the history, index use, damaged rows, NUL characters.
@Suite(.timeLimit(.minutes(1)))
struct PostgresStoreSchemaTests {
    @Test func hotQueriesCanUseIndexes() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { _ in }
            let queries: [PostgresQuery] = [
                PostgresQueries.awaitingEnrichment(limit: 10),
                PostgresQueries.dueDeliveries(now: EpochMilliseconds(value: 0), limit: 10),
                PostgresQueries.nextDeliveryDue,
                PostgresQueries.threadParent(lane: "lane", threadKey: "key", since: EpochMilliseconds(value: 0)),
            ]
            for query in queries {
                // The planner prefers a sequential scan on tiny tables; with scans priced out, a plan that still
                // scans a table has no index to use.
                let rows = try await database.raw(
                    "SET enable_seqscan = off", PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds))
                let plan = try rows.map { try StoredRow($0).text("QUERY PLAN") }
                #expect(!plan.contains { $0.contains("Seq Scan") }, "\(query.sql)\n\(plan.joined(separator: "\n"))")
            }
        }
    }

    @Test func incidentColumnsAndSuppressionAreKept() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                let incident = StoreSamples.incident("uid-a/app/c1", observedAt: StoreSamples.at(10))
                try await store.commitDetection(cluster: "prod", incidents: [incident], podStates: [])
                var row = try #require(try await database.raw("SELECT * FROM incidents").first.map(StoredRow.init))
                #expect(try row.text("kind") == "containerTerminated" && row.text("cluster") == "prod")
                #expect(try row.text("pod") == incident.podName && row.text("pod_uid") == incident.podUID)
                #expect(try row.integer("exit_code") == 137 && row.text("reason") == "OOMKilled")
                #expect(try row.integer("occurred_at") == EpochMilliseconds(StoreSamples.at(9)).value)
                #expect(try row.optionalText("workload_kind") == nil && row.optionalText("alert") == nil)

                let queued = try #require(try await store.incidentsAwaitingEnrichment(limit: 1).first)
                try await store.commitAlert(
                    incident: queued.id, alert: StoreSamples.alert(for: queued), deliveries: [], suppression: "muted by rule 3", at: StoreSamples.at(20))
                row = try #require(try await database.raw("SELECT * FROM incidents").first.map(StoredRow.init))
                #expect(try row.optionalText("suppression") == "muted by rule 3")
                #expect(try row.integer("enriched_at") == EpochMilliseconds(StoreSamples.at(20)).value)
                #expect(try row.text("workload_kind") == "Deployment" && row.text("workload_name") == "api")
                let alert = try StoredJSON.value(Alert.self, from: try row.text("alert"))
                #expect(alert == StoreSamples.alert(for: queued))
            }
        }
    }

    @Test func deliveryRecordsKeepTheReceipt() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                try await StoreContract(database).queueAlerted(store, "a", lanes: [StoreSamples.opsLane], threadKey: "k", at: StoreSamples.at(0))
                let due = try #require(try await store.dueDeliveries(now: StoreSamples.at(0), limit: 1).first)
                try await store.recordAttempt(delivery: due.id, outcome: .retry(error: "ratelimited", next: StoreSamples.at(2)), at: StoreSamples.at(1))
                let receipt = DeliveryReceipt(messageID: "1700000002.000100", channel: "C024BE91L", note: "log uploaded as file F1")
                try await store.recordAttempt(delivery: due.id, outcome: .delivered(receipt), at: StoreSamples.at(2))
                let row = try #require(try await database.raw("SELECT *, attempts::BIGINT AS tries FROM deliveries").first.map(StoredRow.init))
                #expect(try row.text("status") == "delivered" && row.integer("tries") == 2)
                #expect(try row.text("destination") == "slack-main" && row.optionalText("channel") == "#ops")
                #expect(try row.optionalText("last_error") == "ratelimited" && row.optionalText("message_id") == receipt.messageID)
                #expect(try row.integer("delivered_at") == EpochMilliseconds(StoreSamples.at(2)).value)
                #expect(try StoredJSON.value(DeliveryReceipt.self, from: try row.text("receipt")) == receipt)
            }
        }
    }

    /// PostgreSQL's TEXT and JSONB refuse NUL: it becomes U+FFFD, and nothing else changes or blocks.
    @Test func nulCharactersAreReplacedNotRefused() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                var incident = StoreSamples.incident("uid-a/app/c1")
                incident.message = "before\0after \\u0000 stays"
                incident.reason = "Crash\0Loop"
                try await store.commitDetection(cluster: "prod", incidents: [incident], podStates: [])
                let queued = try #require(try await store.incidentsAwaitingEnrichment(limit: 1).first)
                #expect(queued.incident.message == "before\u{FFFD}after \\u0000 stays")
                var alert = StoreSamples.alert(for: queued)
                alert.logs = "line\0one"
                try await store.commitAlert(
                    incident: queued.id, alert: alert, deliveries: [PlannedDelivery(lane: StoreSamples.opsLane, threadKey: "k\0")],
                    suppression: nil, at: StoreSamples.at(0))
                let due = try #require(try await store.dueDeliveries(now: StoreSamples.at(0), limit: 1).first)
                #expect(due.alert.logs == "line\u{FFFD}one" && due.threadKey == "k\u{FFFD}")
                try await store.recordAttempt(delivery: due.id, outcome: .failed(error: "bad\0answer"), at: StoreSamples.at(1))
                let row = try #require(try await database.raw("SELECT last_error FROM deliveries").first.map(StoredRow.init))
                #expect(try row.optionalText("last_error") == "bad\u{FFFD}answer")
            }
        }
    }

    @Test func jsonNulEscapesAreFoundExactly() {
        #expect(StorableText.json(#"{"a":"x\u0000y"}"#) == #"{"a":"x\ufffdy"}"#)
        #expect(StorableText.json(#"{"a":"x\\u0000y"}"#) == #"{"a":"x\\u0000y"}"#)
        #expect(StorableText.json(#"{"a":"\\\u0000"}"#) == #"{"a":"\\\ufffd"}"#)
        #expect(StorableText.json(#"{"a":"plain"}"#) == #"{"a":"plain"}"#)
    }

    @Test func unreadableQueuedIncidentIsSetAsideNotLost() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                try await store.commitDetection(cluster: "prod", incidents: ["a", "b", "c"].map { StoreSamples.incident($0) }, podStates: [])
                _ = try await database.raw(#"UPDATE incidents SET incident = '{"broken": true}' WHERE identity = 'a'"#)
                #expect(try await store.incidentsAwaitingEnrichment(limit: 10).map(\.incident.identity) == ["b", "c"])
                #expect(try await store.incidentsAwaitingEnrichment(limit: 1).map(\.incident.identity) == ["b"])
                let kept = try #require(try await database.raw("SELECT * FROM incidents WHERE identity = 'a'").first.map(StoredRow.init))
                #expect(try kept.optionalText("suppression")?.hasPrefix("unreadable incident record") == true)
                #expect(try kept.text("incident") == #"{"broken": true}"#)
            }
        }
    }

    @Test func unreadableAlertFailsItsDeliveryAndFreesTheLane() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                let contract = StoreContract(database)
                try await contract.queueAlerted(store, "a", lanes: [StoreSamples.opsLane], at: StoreSamples.at(0))
                try await contract.queueAlerted(store, "b", lanes: [StoreSamples.opsLane], at: StoreSamples.at(1))
                _ = try await database.raw(#"UPDATE incidents SET alert = '"not an alert"' WHERE identity = 'a'"#)
                #expect(try await store.dueDeliveries(now: StoreSamples.at(5), limit: 10).isEmpty)
                #expect(try await contract.dueNames(store, at: StoreSamples.at(5)) == ["b@slack-main/#ops"])
                let failed = try #require(try await database.raw("SELECT * FROM deliveries WHERE status = 'failed'").first.map(StoredRow.init))
                #expect(try failed.optionalText("last_error")?.hasPrefix("stored alert unreadable") == true)
            }
        }
    }

    @Test func unreadableDetectorRecordIsSkipped() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                let good = StoreSamples.podRecord("good")
                try await store.commitDetection(
                    cluster: "prod", incidents: [], podStates: [StoreSamples.update(good), StoreSamples.update(StoreSamples.podRecord("bad"))])
                _ = try await database.raw("UPDATE detection_pods SET record = '[]' WHERE name = 'bad'")
                #expect(try await store.detectionState(cluster: "prod")?.pods == [good])
            }
        }
    }

    @Test func deletingAnIncidentDeletesItsDeliveries() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                try await StoreContract(database).queueAlerted(store, "a", lanes: [StoreSamples.opsLane, StoreSamples.devLane], at: StoreSamples.at(0))
                let before = try await database.raw("SELECT count(*) AS n FROM deliveries")
                #expect(try before.first.map { try StoredRow($0).integer("n") } == 2)
                let after = try await database.raw("DELETE FROM incidents", "SELECT count(*) AS n FROM deliveries")
                #expect(try after.first.map { try StoredRow($0).integer("n") } == 0)
            }
        }
    }
}
