import Foundation
import MuninnCore

/// One incident in full, for `muninn incidents show`: the termination record with the exit code in words,
/// the Events, the captured log with the crash lines marked, and every delivery.
enum IncidentDetailText {
    static func lines(_ record: IncidentRecord) -> [String] {
        let summary = record.summary
        let alert = record.alert
        let incident = record.incident
        var lines: [String] = []
        let container = summary.container.map { " container \(clean($0))" } ?? ""
        lines.append("Incident \(summary.id): \(clean(summary.cluster))/\(clean(summary.namespace))/\(clean(summary.pod))\(container)")

        var fields: [(String, String?)] = [
            ("kind", alert.map { "\($0.kind.rawValue) (\(summary.kind.rawValue))" } ?? summary.kind.rawValue),
            ("occurred", HistoryTime.text(summary.occurredAt)),
            ("workload", summary.workload.map { "\($0.kind)/\($0.name)" }),
            ("node", summary.node), ("image", summary.image), ("reason", summary.reason),
        ]
        let signal = alert?.signal ?? incident?.signal
        if let exitCode = summary.exitCode {
            let meaning = alert?.exitCodeMeaning ?? ExitCodeDescription.explain(exitCode: exitCode, signal: signal, reason: summary.reason)
            fields.append(("exit code", meaning.map { "\(exitCode): \($0)" } ?? String(exitCode)))
        }
        if let signal, signal > 0 { fields.append(("signal", "\(signal) (\(ExitCodeDescription.signalName(signal)))")) }
        if let restarts = summary.restartCount {
            let seen = alert?.restartsSeen ?? incident?.restartsSeen
            fields.append(("restarts", seen.map { $0 > 1 ? "\(restarts) (\($0) since the previous report)" : String(restarts) } ?? String(restarts)))
        }
        fields += [
            ("started", incident?.startedAt.map(HistoryTime.text)), ("finished", incident?.finishedAt.map(HistoryTime.text)),
            ("container id", incident?.containerID), ("message", summary.message),
            ("seen late", (alert?.seenLate ?? incident?.seenLate ?? false) ? "yes: it happened while Muninn was not watching" : nil),
            ("queued", HistoryTime.text(record.queuedAt)),
            ("enriched", summary.enrichedAt.map(HistoryTime.text) ?? "not yet (waiting for enrichment)"),
            ("suppressed", summary.suppression),
        ]
        let present = fields.compactMap { name, value in value.map { (name, $0) } }
        let width = (present.map(\.0.count).max() ?? 0) + 1
        for (name, value) in present {
            let label = (name + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0)
            let valueLines = TerminalText.sanitized(value, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  \(label)\(valueLines.first.map(String.init) ?? "")")
            for more in valueLines.dropFirst() { lines.append("  " + String(repeating: " ", count: width + 1) + more) }
        }

        let events = alert?.events ?? []
        lines.append("")
        lines.append(events.isEmpty ? "Events: none recorded" : "Events (\(events.count)):")
        for event in events { lines.append("  " + clean(event)) }

        lines.append("")
        if let logs = alert?.logs, !logs.isEmpty {
            let logLines = logs.split(separator: "\n", omittingEmptySubsequences: false)
            let trimmed = logLines.last == "" ? Array(logLines.dropLast()) : Array(logLines)
            let crash = CrashLines.indices(in: logs)
            lines.append("Log (\(trimmed.count) lines captured at the crash; lines marked > look like the crash):")
            for (index, line) in trimmed.enumerated() {
                let text = TerminalText.sanitized(String(line))
                lines.append(crash.contains(index) ? "> " + text : text.isEmpty ? "" : "  " + text)
            }
        } else if let reason = alert?.logsUnavailableReason {
            lines.append("Log: not captured (\(clean(reason)))")
        } else {
            lines.append(alert == nil ? "Log: not captured yet (waiting for enrichment)" : "Log: none")
        }

        lines.append("")
        if record.deliveries.isEmpty {
            lines.append(summary.suppression.map { "Deliveries: none (suppressed: \(clean($0)))" } ?? "Deliveries: none")
        } else {
            lines.append("Deliveries (\(record.deliveries.count)):")
            var table = TextTable(headers: ["DESTINATION", "CHANNEL", "STATUS", "ATTEMPTS", "WHEN (UTC)", "DETAIL"])
            for delivery in record.deliveries {
                let when: String
                let detail: String
                switch delivery.status {
                case .delivered:
                    when = delivery.deliveredAt.map(HistoryTime.text) ?? "-"
                    detail = delivery.messageID.map { "message \(clean($0))" } ?? ""
                case .pending:
                    when = "next " + HistoryTime.text(delivery.nextAttemptAt)
                    detail = delivery.lastError.map { "last error: " + TerminalText.oneLine($0, width: 80) } ?? ""
                case .failed:
                    when = delivery.lastAttemptAt.map(HistoryTime.text) ?? "-"
                    detail = delivery.lastError.map { "error: " + TerminalText.oneLine($0, width: 80) } ?? ""
                }
                table.append([
                    clean(delivery.lane.destination), delivery.lane.channel.map(clean) ?? "-", delivery.status.rawValue,
                    String(delivery.attempts), when, detail,
                ])
            }
            lines += table.lines.map { "  " + $0 }
        }
        if !record.problems.isEmpty {
            lines.append("")
            lines.append("Problems reading this record:")
            for problem in record.problems { lines.append("  " + clean(problem)) }
        }
        return lines
    }

    private static func clean(_ text: String) -> String { TerminalText.oneLine(text, width: 200) }
}
