import Foundation
import MuninnCore
import SQLiteNIO

/// Reads the `HistoryQueries.summaryColumns` of a row.
enum SummaryRow {
    static func summary(_ row: StoredRow) throws -> IncidentSummary {
        let kindText = try row.text("kind")
        guard let kind = Incident.Kind(rawValue: kindText) else {
            throw StoreError("stored incident kind \(kindText.debugDescription) is not one this Muninn knows")
        }
        var workload: Alert.Workload?
        if let name = row.optionalText("workload_name") {
            workload = Alert.Workload(kind: row.optionalText("workload_kind") ?? "", name: name)
        }
        return IncidentSummary(
            id: Int64(try row.integer("id")), cluster: try row.text("cluster"), kind: kind, namespace: try row.text("namespace"),
            pod: try row.text("pod"), container: row.optionalText("container"), workload: workload, node: row.optionalText("node"),
            image: row.optionalText("image"), reason: row.optionalText("reason"), exitCode: row.optionalInteger("exit_code"),
            message: row.optionalText("message"), restartCount: row.optionalInteger("restart_count"), occurredAt: try row.date("occurred_at"),
            enrichedAt: row.optionalInteger("enriched_at").map { EpochMilliseconds(value: $0).date }, suppression: row.optionalText("suppression"),
            deliveries: DeliveryCounts(
                pending: row.optionalInteger("deliveries_pending") ?? 0, delivered: row.optionalInteger("deliveries_delivered") ?? 0,
                failed: row.optionalInteger("deliveries_failed") ?? 0))
    }

    /// The first line of the message, log or events holding one of `terms` (case-insensitive), cut to a readable length.
    static func matchedLine(_ row: StoredRow, summary: IncidentSummary, terms: [String]) -> String? {
        guard !terms.isEmpty else { return nil }
        let lowered = terms.map { $0.lowercased() }
        var texts = [summary.message, row.optionalText("logs")].compactMap { $0 }
        if let events = row.optionalText("events"), let decoded = try? JSONDecoder().decode([String].self, from: Data(events.utf8)) {
            texts.append(contentsOf: decoded)
        }
        texts.append(contentsOf: [summary.reason, summary.pod, summary.container, summary.workload?.name].compactMap { $0 })
        for text in texts {
            for line in text.split(separator: "\n") {
                let lower = line.lowercased()
                if lowered.contains(where: { lower.contains($0) }) {
                    return line.count > maximumLine ? String(line.prefix(maximumLine)) + "…" : String(line)
                }
            }
        }
        return nil
    }

    static let maximumLine = 500
}
