import Foundation
import Logging
import MuninnCore
import MuninnStoreContract
import PostgresNIO
import Testing

@testable import MuninnPostgres

/// Several writers on one database: replicas committing the same rows, transactions PostgreSQL aborts.
@Suite(.timeLimit(.minutes(1)))
struct PostgresStoreConcurrencyTests {
    /// Two stores (two replicas) enriching and delivering the same rows at once: each change happens once.
    @Test func twoReplicasDoNotDoubleCommit() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { first in
                try await database.withPostgresStore { second in
                    let incidents = (0..<20).map { StoreSamples.incident("uid-\($0)/app/c1") }
                    try await first.commitDetection(cluster: "prod", incidents: incidents, podStates: [])
                    let queued = try await second.incidentsAwaitingEnrichment(limit: 100)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for store in [first, second] {
                            group.addTask {
                                for item in queued {
                                    try await store.commitAlert(
                                        incident: item.id, alert: StoreSamples.alert(for: item),
                                        deliveries: [PlannedDelivery(lane: StoreSamples.opsLane, threadKey: nil)], suppression: nil, at: StoreSamples.at(0))
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                    let count = try await database.raw("SELECT count(*) AS n FROM deliveries")
                    #expect(try count.first.map { try StoredRow($0).integer("n") } == 20)

                    let head = try #require(try await first.dueDeliveries(now: StoreSamples.at(0), limit: 1).first)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await first.recordAttempt(delivery: head.id, outcome: .delivered(DeliveryReceipt(messageID: "1")), at: StoreSamples.at(1)) }
                        group.addTask { try await second.recordAttempt(delivery: head.id, outcome: .failed(error: "x"), at: StoreSamples.at(1)) }
                        try await group.waitForAll()
                    }
                    let row = try #require(try await database.raw("SELECT attempts::BIGINT AS tries FROM deliveries WHERE id = \(head.id)").first)
                    #expect(try StoredRow(row).integer("tries") == 1)
                }
            }
        }
    }

    /// Another session holds pod b and then asks for pod a while the store holds a and waits for b: PostgreSQL
    /// aborts the store's transaction (its lock wait is checked first), and the store runs it again.
    @Test func deadlockedTransactionRunsAgain() async throws {
        try await TemporaryPostgresDatabase.with { database in
            try await database.withPostgresStore { store in
                let (a, b) = (StoreSamples.podRecord("pod-a"), StoreSamples.podRecord("pod-b"))
                try await store.commitDetection(cluster: "prod", incidents: [], podStates: [StoreSamples.update(a), StoreSamples.update(b)])
                let (newA, newB) = (StoreSamples.podRecord("pod-a", terminations: ["a2"]), StoreSamples.podRecord("pod-b", terminations: ["b2"]))

                let logger = PostgresTestServer.logger
                let configuration = try database.dsn.connectionConfiguration()
                let other = QueryRunner(connection: try await PostgresConnection.connect(configuration: configuration, id: 7, logger: logger), logger: logger)
                let observer = QueryRunner(
                    connection: try await PostgresConnection.connect(configuration: configuration, id: 8, logger: logger), logger: logger)
                // The other session checks for deadlocks late, so the store's check (after 1 s) finds the cycle.
                try await other.execute("SET deadlock_timeout = '20s'")
                try await other.execute("BEGIN")
                try await other.execute("UPDATE detection_pods SET record = record WHERE name = 'pod-b'")

                let otherCommitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        try await store.commitDetection(
                            cluster: "prod", incidents: [StoreSamples.incident("x")], podStates: [StoreSamples.update(newA), StoreSamples.update(newB)])
                        return false
                    }
                    // Until the store's transaction waits for pod b's row lock (it holds pod a's by then).
                    while try await observer.rows(
                        """
                        SELECT 1 FROM pg_stat_activity
                        WHERE datname = \(database.dsn.database) AND wait_event_type = 'Lock' AND application_name = 'muninn'
                        """
                    ).isEmpty {
                        await Task.yield()
                    }
                    group.addTask {
                        do {
                            try await other.execute("UPDATE detection_pods SET record = record WHERE name = 'pod-a'")
                            try await other.execute("COMMIT")
                            return true
                        } catch {
                            try await other.execute("ROLLBACK")
                            return false
                        }
                    }
                    return try await group.reduce(false) { $0 || $1 }
                }
                try await other.connection.close()
                try await observer.connection.close()

                #expect(otherCommitted, "PostgreSQL aborted the other session instead of the store's transaction")
                #expect(try await store.detectionState(cluster: "prod")?.pods.sorted(by: StoreContract.podOrder) == [newA, newB])
                #expect(try await store.incidentsAwaitingEnrichment(limit: 10).map(\.incident.identity) == ["x"])
            }
        }
    }
}
