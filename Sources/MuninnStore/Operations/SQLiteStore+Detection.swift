import Foundation
import Logging
import MuninnCore
import SQLiteNIO

extension SQLiteStore {
    /// Rows per multi-row statement: few round trips for a large first list, far below SQLite's bind limit.
    static let rowsPerStatement = 200

    public func detectionState(cluster: String) async throws(StoreError) -> DetectionState? {
        try await perform("could not read the detector memory of cluster \(cluster)") { connection in
            // No transaction needed: the gate keeps this process's commits out, and a cluster's marker is never
            // removed, so another process can only make the answer newer.
            let rows: [SQLiteRow]? = try await connection.exclusive { runner in
                guard try await runner.scalar("SELECT 1 FROM clusters WHERE name = ?", [.text(cluster)]) != nil else { return nil }
                return try await runner.rowsOutsideTransaction(
                    "SELECT namespace, name, record FROM detection_pods WHERE cluster = ? ORDER BY namespace, name", [.text(cluster)])
            }
            guard let rows else { return nil }
            let json = StoredJSON()
            var pods: [DetectionState.PodRecord] = []
            pods.reserveCapacity(rows.count)
            for row in rows.map(StoredRow.init) {
                do {
                    pods.append(try json.value(DetectionState.PodRecord.self, from: try row.text("record")))
                } catch {
                    // One unreadable pod costs at most one repeated alert; refusing to start would cost all of them.
                    logger.error(
                        "skipping an unreadable detector record",
                        metadata: [
                            "cluster": "\(cluster)", "namespace": "\(row.optionalText("namespace") ?? "?")",
                            "pod": "\(row.optionalText("name") ?? "?")", "error": "\(error)",
                        ])
                }
            }
            return DetectionState(pods: pods)
        }
    }

    @discardableResult
    public func commitDetection(cluster: String, incidents: [Incident], podStates: [PodStateUpdate]) async throws(StoreError) -> Int {
        try await perform("could not save \(incidents.count) incidents and \(podStates.count) pod states of cluster \(cluster)") {
            connection in
            // Encoded before the transaction: a value that cannot be encoded fails the call with nothing written.
            let queuedAt = now()
            let incidentRows = try incidents.map { try IncidentRow(cluster: cluster, incident: $0, queuedAt: queuedAt) }
            let changes = try PodStateChanges(podStates)
            return try await connection.writeTransaction { runner in
                try await runner.execute("INSERT INTO clusters (name) VALUES (?) ON CONFLICT (name) DO NOTHING", [.text(cluster)])
                var queued = 0
                // Several rows per statement: each statement is prepared anew, and a crash storm finds many at once.
                for batch in incidentRows.chunks(of: Self.rowsPerStatement / 10) {
                    let values = Array(repeating: "(\(IncidentRow.placeholders))", count: batch.count).joined(separator: ", ")
                    let inserted = try await runner.rows(
                        """
                        INSERT INTO incidents (\(IncidentRow.columns.joined(separator: ", ")))
                        VALUES \(values)
                        ON CONFLICT (cluster, identity) DO NOTHING
                        RETURNING id
                        """, batch.flatMap(\.binds))
                    queued += inserted.count
                }
                for batch in changes.upserts.chunks(of: Self.rowsPerStatement) {
                    let values = Array(repeating: "(?, ?, ?, ?)", count: batch.count).joined(separator: ", ")
                    try await runner.execute(
                        """
                        INSERT INTO detection_pods (cluster, namespace, name, record) VALUES \(values)
                        ON CONFLICT (cluster, namespace, name) DO UPDATE SET record = excluded.record
                        """,
                        batch.flatMap { upsert -> [SQLiteData] in
                            [.text(cluster), .text(upsert.namespace), .text(upsert.name), .text(upsert.record)]
                        })
                }
                for batch in changes.deletions.chunks(of: Self.rowsPerStatement) {
                    let pairs = Array(repeating: "(?, ?)", count: batch.count).joined(separator: ", ")
                    try await runner.execute(
                        "DELETE FROM detection_pods WHERE cluster = ? AND (namespace, name) IN (VALUES \(pairs))",
                        [.text(cluster)] + batch.flatMap { deletion -> [SQLiteData] in [.text(deletion.namespace), .text(deletion.name)] })
                }
                return queued
            }
        }
    }
}
