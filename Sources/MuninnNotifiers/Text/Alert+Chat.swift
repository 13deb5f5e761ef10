import Foundation
import KubeJSON
import MuninnCore

extension Alert {
    /// The facts chat cards show, in order, with the exit code explained and missing values left out.
    var factRows: [(label: String, value: String)] {
        var rows = identityRows + [("Exit code", exitCodeSummary), ("Restarts", restartSummary)]
        if seenLate { rows.append(("Note", "happened while Muninn was not running; reported late")) }
        return rows.compactMap { row in row.value.map { (label: row.label, value: PlainText.clipped(PlainText.singleLine($0), to: 300)) } }
    }

    /// "Container crashed: payments/api-7f9c", or the repeat headline.
    func title(repeated: Bool) -> String {
        PlainText.singleLine("\(headline(repeated: repeated)): \(namespace)/\(pod)")
    }

    /// The termination message, when there is one worth showing.
    var shownMessage: String? {
        guard let message, !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return PlainText.clipped(PlainText.sanitized(message), to: 1_500)
    }

    /// The last ten Events, one line each, or nil without any.
    var shownEvents: String? {
        guard !events.isEmpty else { return nil }
        return events.suffix(10).map { PlainText.clipped(PlainText.singleLine($0), to: 300) }.joined(separator: "\n")
    }

    /// The log tail for a budget, or nil when there is no log.
    func logTail(maxLines: Int, maxCharacters: Int) -> LogTail? {
        logs.map { LogTail(PlainText.sanitized($0), maxLines: maxLines, maxCharacters: maxCharacters) }
    }

    /// "Logs before the crash (21 lines (936 characters) cut from the start)".
    static func logHeading(_ tail: LogTail) -> String {
        "Logs before the crash" + (tail.cutNotice.map { " (" + $0 + ")" } ?? "")
    }

    /// Why there is no log, for the line that replaces it.
    var logsUnavailableText: String {
        "Logs unavailable: " + PlainText.clipped(PlainText.singleLine(logsUnavailableReason ?? "not collected"), to: 500)
    }

    /// RFC 3339 time of the incident, UTC.
    var occurredAtText: String { RFC3339.format(occurredAt) }

    /// Whether the alert says things are fine again (green rather than red).
    var isRecovery: Bool { kind == .recovered }
}
