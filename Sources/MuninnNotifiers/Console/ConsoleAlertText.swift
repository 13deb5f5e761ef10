import MuninnCore

/// An alert as a few lines of text for a terminal (`muninn demo`, `console` destinations with `format: text`):
/// the summary, the facts on one line, the Events and the last log lines, indented so a block reads as one.
/// Text from the cluster is sanitised (no control characters or bidi overrides) but otherwise shown as is.
public enum ConsoleAlertText {
    /// - Parameter logLines: at most this many log lines (the last ones) are shown.
    public static func render(_ alert: Alert, logLines: Int = 10) -> String {
        var lines = ["!! ALERT " + PlainText.singleLine(alert.summaryLine)]
        var facts = alert.identityRows.filter { $0.label != "Namespace" && $0.label != "Pod" && $0.label != "Container" && $0.label != "Cluster" }
            .compactMap { row in row.value.map { "\(row.label.lowercased()) \(PlainText.singleLine($0))" } }
        if let exit = alert.exitCodeSummary { facts.append("exit \(exit)") }
        if let restarts = alert.restartSummary { facts.append("restarts \(restarts)") }
        if !facts.isEmpty { lines.append("   " + facts.joined(separator: " · ")) }
        if let message = alert.message, !message.isEmpty { lines.append("   message: " + PlainText.singleLine(PlainText.clipped(message, to: 300))) }
        for event in alert.events.prefix(5) { lines.append("   event: " + PlainText.singleLine(PlainText.clipped(event, to: 300))) }
        if let change = alert.precedingChange, let sentence = PrecedingChangeText.sentence(alert) {
            lines.append("   changed before: " + sentence)
            lines += PrecedingChangeText.diff(change, maxLines: 20, maxCharacters: 2_000).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "   : " + PlainText.clipped(String($0), to: 240) }
        }
        if let logs = alert.logs, !logs.isEmpty {
            let tail = LogTail(PlainText.sanitized(logs), maxLines: logLines, maxCharacters: 4000)
            lines.append("   last log lines" + (tail.cutNotice.map { " (\($0))" } ?? "") + ":")
            // A terminal line per log line: a 70 KB line of garbage must not fill the screen.
            lines += tail.text.split(separator: "\n", omittingEmptySubsequences: false).map { "   | " + PlainText.clipped(String($0), to: 240) }
        } else if let missing = alert.logsUnavailableReason {
            lines.append("   logs: unavailable (\(PlainText.singleLine(missing)))")
        }
        return lines.joined(separator: "\n")
    }
}
