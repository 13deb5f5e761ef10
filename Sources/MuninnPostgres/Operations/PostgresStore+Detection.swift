import Foundation
import Logging
import MuninnCore
import PostgresNIO

extension PostgresStore {
    public func detectionState(cluster: String) async throws(StoreError) -> DetectionState? {
        try await perform("could not read the detector memory of cluster \(cluster)") { database in
            // One statement, so one snapshot: the cluster's marker and its pods as of the same commit.
            let rows = try await database.withConnection { runner in
                try await runner.rows(
                    """
                    SELECT p.namespace, p.name, p.record FROM clusters AS c
                    LEFT JOIN detection_pods AS p ON p.cluster = c.name
                    WHERE c.name = \(StorableText.text(cluster))
                    ORDER BY p.namespace, p.name
                    """)
            }
            guard !rows.isEmpty else { return nil }
            let json = StoredJSON()
            var pods: [DetectionState.PodRecord] = []
            pods.reserveCapacity(rows.count)
            for row in rows.map(StoredRow.init) {
                // A saved memory without pods comes back as one row of nulls.
                guard let record = try? row.optionalText("record") else { continue }
                do {
                    pods.append(try json.value(DetectionState.PodRecord.self, from: record))
                } catch {
                    // One unreadable pod costs at most one repeated alert; refusing to start would cost all of them.
                    logger.error(
                        "skipping an unreadable detector record",
                        metadata: [
                            "cluster": "\(cluster)", "namespace": "\((try? row.optionalText("namespace")) ?? "?")",
                            "pod": "\((try? row.optionalText("name")) ?? "?")", "error": "\(error)",
                        ])
                }
            }
            return DetectionState(pods: pods)
        }
    }

    @discardableResult
    public func commitDetection(cluster: String, incidents: [Incident], podStates: [PodStateUpdate]) async throws(StoreError) -> Int {
        try await perform("could not save \(incidents.count) incidents and \(podStates.count) pod states of cluster \(cluster)") {
            database in
            // Encoded before the transaction: a value that cannot be encoded fails the call with nothing written.
            let queuedAt = EpochMilliseconds(now())
            let json = StoredJSON()
            let incidentRows = try incidents.map { try IncidentRow(cluster: cluster, incident: $0, queuedAt: queuedAt, json: json) }
            let changes = try PodStateChanges(podStates)
            let cluster = StorableText.text(cluster)
            return try await database.transaction { runner in
                try await runner.execute("INSERT INTO clusters (name) VALUES (\(cluster)) ON CONFLICT (name) DO NOTHING")
                // One statement per incident, in the given order, so ids follow it.
                var queued = 0
                for row in incidentRows {
                    queued += try await runner.rows(row.insert).count
                }
                for batch in changes.upserts {
                    try await runner.execute(
                        """
                        INSERT INTO detection_pods (cluster, namespace, name, record)
                        SELECT \(cluster), pod.namespace, pod.name, pod.record::jsonb
                        FROM unnest(\(batch.namespaces)::TEXT[], \(batch.names)::TEXT[], \(batch.records)::TEXT[])
                            AS pod (namespace, name, record)
                        ORDER BY pod.namespace, pod.name
                        ON CONFLICT (cluster, namespace, name) DO UPDATE SET record = excluded.record
                        """)
                }
                for batch in changes.deletions {
                    try await runner.execute(
                        """
                        DELETE FROM detection_pods AS saved
                        USING unnest(\(batch.namespaces)::TEXT[], \(batch.names)::TEXT[]) AS pod (namespace, name)
                        WHERE saved.cluster = \(cluster) AND saved.namespace = pod.namespace AND saved.name = pod.name
                        """)
                }
                return queued
            }
        }
    }
}
