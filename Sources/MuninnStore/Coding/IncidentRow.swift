import Foundation
import MuninnCore
import SQLiteNIO

/// An incident as a new row of `incidents`: the JSON, plus the columns the history filters on.
struct IncidentRow {
    static let columns = [
        "cluster", "identity", "kind", "namespace", "pod", "pod_uid", "container", "reason", "exit_code", "node",
        "occurred_at", "queued_at", "incident",
    ]
    static let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")

    let binds: [SQLiteData]

    init(cluster: String, incident: Incident, queuedAt: Date) throws {
        // The same moment the alert will report (AlertEnricher uses this order), until enrichment sets it.
        let occurredAt = incident.finishedAt ?? incident.notReadySince ?? incident.observedAt
        binds = [
            .text(cluster), .text(incident.identity), .text(incident.kind.rawValue), .text(incident.namespace),
            .text(incident.podName), .text(incident.podUID), incident.container.map(SQLiteData.text) ?? .null,
            incident.reason.map(SQLiteData.text) ?? .null, incident.exitCode.map(SQLiteData.integer) ?? .null,
            incident.node.map(SQLiteData.text) ?? .null, EpochMilliseconds(occurredAt).sqlite,
            EpochMilliseconds(queuedAt).sqlite, .text(try StoredJSON.text(incident)),
        ]
    }
}
