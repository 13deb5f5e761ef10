import Foundation
import MuninnCore
import PostgresNIO

/// An incident as a new row of `incidents`: the JSON, plus the columns the history filters on.
struct IncidentRow: Sendable {
    /// Inserts the row unless its identity is already queued for the cluster; returns its id when inserted.
    let insert: PostgresQuery

    init(cluster: String, incident: Incident, queuedAt: EpochMilliseconds, json: StoredJSON) throws {
        // The same moment the alert will report (AlertEnricher uses this order), until enrichment sets it.
        let occurredAt = EpochMilliseconds(incident.finishedAt ?? incident.notReadySince ?? incident.observedAt)
        let text = StorableText.self
        insert = """
            INSERT INTO incidents (cluster, identity, kind, namespace, pod, pod_uid, container, reason, exit_code, node,
                occurred_at, queued_at, incident)
            VALUES (\(text.text(cluster)), \(text.text(incident.identity)), \(incident.kind.rawValue), \(text.text(incident.namespace)),
                \(text.text(incident.podName)), \(text.text(incident.podUID)), \(text.text(incident.container)), \(text.text(incident.reason)),
                \(incident.exitCode.map(Int64.init)), \(text.text(incident.node)), \(occurredAt.value), \(queuedAt.value),
                \(try json.text(incident))::jsonb)
            ON CONFLICT (cluster, identity) DO NOTHING
            RETURNING id
            """
    }
}
