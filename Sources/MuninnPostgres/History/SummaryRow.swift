import Foundation
import MuninnCore

/// Reads the `HistoryQueries.summaryColumns` of a row.
enum SummaryRow {
    static func summary(_ row: StoredRow) throws -> IncidentSummary {
        let kindText = try row.text("kind")
        guard let kind = Incident.Kind(rawValue: kindText) else {
            throw StoreError("stored incident kind \(kindText.debugDescription) is not one this Muninn knows")
        }
        var workload: Alert.Workload?
        if let name = try row.optionalText("workload_name") {
            workload = Alert.Workload(kind: try row.optionalText("workload_kind") ?? "", name: name)
        }
        return IncidentSummary(
            id: try row.integer("id"), cluster: try row.text("cluster"), kind: kind, namespace: try row.text("namespace"),
            pod: try row.text("pod"), container: try row.optionalText("container"), workload: workload, node: try row.optionalText("node"),
            image: try row.optionalText("image"), reason: try row.optionalText("reason"), exitCode: try row.optionalInteger("exit_code").map(Int.init),
            message: try row.optionalText("message"), restartCount: try row.optionalInteger("restart_count").map(Int.init),
            occurredAt: try row.date("occurred_at"), enrichedAt: try row.optionalDate("enriched_at"), suppression: try row.optionalText("suppression"),
            deliveries: DeliveryCounts(
                pending: Int(try row.optionalInteger("deliveries_pending") ?? 0),
                delivered: Int(try row.optionalInteger("deliveries_delivered") ?? 0),
                failed: Int(try row.optionalInteger("deliveries_failed") ?? 0)))
    }

    /// The first line of the message, log or events holding one of `terms` (case-insensitive), cut to a readable length.
    static func matchedLine(_ row: StoredRow, summary: IncidentSummary, terms: [String]) -> String? {
        guard !terms.isEmpty else { return nil }
        let lowered = terms.map { $0.lowercased() }
        var texts = [summary.message, (try? row.optionalText("logs")) ?? nil].compactMap { $0 }
        if let events = (try? row.optionalText("events")) ?? nil,
            let decoded = try? JSONDecoder().decode([String].self, from: Data(events.utf8))
        {
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
