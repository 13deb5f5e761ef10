import Foundation
import MuninnCore

/// The history as people read it in a terminal: aligned tables, UTC times, every cluster string sanitized.
enum HistoryText {
    static let messageWidth = 60

    /// The list (or search results) as a table, with a line saying how to get the next page.
    static func page(_ page: IncidentPage, searching: Bool) -> [String] {
        guard !page.items.isEmpty else { return ["no incidents match"] }
        let showCluster = Set(page.items.map(\.cluster)).count > 1
        var headers = ["ID", "OCCURRED (UTC)"]
        if showCluster { headers.append("CLUSTER") }
        headers += ["NAMESPACE", "WORKLOAD", "POD", "CONTAINER", "REASON", "EXIT", "DELIVERY", searching ? "MATCH" : "MESSAGE"]
        var table = TextTable(headers: headers)
        for item in page.items {
            var row = [String(item.id), HistoryTime.text(item.occurredAt)]
            if showCluster { row.append(cell(item.cluster)) }
            row += [
                cell(item.namespace), cell(item.workload.map { "\($0.kind)/\($0.name)" }), cell(item.pod), cell(item.container),
                cell(item.reason ?? item.kind.rawValue), item.exitCode.map(String.init) ?? "-", delivery(item),
                TerminalText.oneLine(searching ? item.matchedLine ?? item.message : item.message, width: messageWidth),
            ]
            table.append(row)
        }
        var lines = table.lines
        if let cursor = page.nextCursor {
            lines.append("(more: add --cursor \(cursor))")
        }
        return lines
    }

    /// How the incident's alert went, in one word or two.
    static func delivery(_ item: IncidentSummary) -> String {
        if item.enrichedAt == nil { return "queued" }
        if item.suppression != nil { return "suppressed" }
        let counts = item.deliveries
        if counts.total == 0 { return "none" }
        if counts.failed > 0 { return "failed \(counts.failed)/\(counts.total)" }
        if counts.pending > 0 { return "pending \(counts.pending)/\(counts.total)" }
        return "sent \(counts.delivered)"
    }

    private static func cell(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "-" }
        return TerminalText.oneLine(text, width: 40)
    }
}
