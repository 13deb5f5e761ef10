import MuninnCore

extension Alert {
    /// A copy whose free text (message, logs, events, the reason logs are missing, the preceding change's diff) went through
    /// `redactor`; names and codes are left alone.
    public func redacted(with redactor: LogRedactor) -> Alert {
        var copy = self
        copy.message = message.map(redactor.redact)
        copy.logs = logs.map(redactor.redact)
        copy.logsUnavailableReason = logsUnavailableReason.map(redactor.redact)
        copy.events = events.map(redactor.redact)
        // A diff can hold credentials in plain environment values.
        if var change = precedingChange {
            change.summary = redactor.redact(change.summary)
            change.unifiedDiff = redactor.redact(change.unifiedDiff)
            change.fieldChanges = change.fieldChanges.map { field in
                var redacted = field
                redacted.old = field.old.map(redactor.redact)
                redacted.new = field.new.map(redactor.redact)
                return redacted
            }
            copy.precedingChange = change
        }
        return copy
    }

    /// A short headline for the alert's kind: "Container crashed", "Pod evicted", ...
    public var headline: String {
        switch kind {
        case .crashed: "Container crashed"
        case .cannotStart: "Container cannot start"
        case .notReady: "Pod not ready"
        case .evicted: "Pod evicted"
        case .failed: "Pod failed"
        case .recovered: "Recovered"
        }
    }

    /// The headline of a later alert in the same conversation: "Crashed again", "Still cannot start", ...
    public var repeatHeadline: String {
        switch kind {
        case .crashed: "Crashed again"
        case .cannotStart: "Still cannot start"
        case .notReady: "Still not ready"
        case .evicted: "Evicted again"
        case .failed: "Failed again"
        case .recovered: "Recovered"
        }
    }

    /// The headline for a first alert, or for a repeat when the destination is told of a parent message.
    func headline(repeated: Bool) -> String { repeated ? repeatHeadline : headline }

    /// The facts of a repeat in one line, without the headline: "OOMKilled, exit 137, restart 7".
    var repeatDetails: String {
        var parts: [String] = []
        if let reason, !reason.isEmpty { parts.append(reason) }
        if let exitCode { parts.append("exit \(exitCode)") }
        if let restartCount {
            var restart = "restart \(restartCount)"
            if let restartsSeen, restartsSeen > 1 { restart += " (\(restartsSeen) restarts seen)" }
            parts.append(restart)
        }
        return parts.joined(separator: ", ")
    }

    /// The labelled facts every chat message shows, in order; a destination adds its own rows
    /// (exit code wording, restarts) and its markup.
    var identityRows: [(label: String, value: String?)] {
        [
            ("Cluster", cluster.isEmpty ? nil : cluster),
            ("Namespace", namespace),
            ("Workload", workload.map { "\($0.kind)/\($0.name)" }),
            ("Pod", pod),
            ("Container", container),
            ("Node", node),
            ("Image", image),
            ("Reason", reason),
        ]
    }

    /// "137 (killed by SIGKILL)", or nil without an exit code.
    var exitCodeSummary: String? {
        guard let exitCode else { return nil }
        return exitCodeExplanation.map { "\(exitCode) (\($0))" } ?? "\(exitCode)"
    }

    /// The meaning of the exit code and the signal, when known: "killed by SIGKILL".
    var exitCodeExplanation: String? {
        var parts: [String] = []
        if let exitCodeMeaning, !exitCodeMeaning.isEmpty { parts.append(exitCodeMeaning) }
        if let signal, signal > 0, !(exitCodeMeaning ?? "").contains(ExitCodeDescription.signalName(signal)) {
            parts.append("signal \(ExitCodeDescription.signalName(signal))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// "8", or "8 (3 since the last alert)" when the count jumped.
    var restartSummary: String? {
        guard let restartCount else { return nil }
        if let restartsSeen, restartsSeen > 1 { return "\(restartCount) (\(restartsSeen) restarts seen)" }
        return "\(restartCount)"
    }

    /// One line for notifications and plain-text fallbacks, before any escaping.
    var summaryLine: String { summaryLine(repeated: false) }

    /// ``summaryLine`` with the repeat headline when `repeated`.
    func summaryLine(repeated: Bool) -> String {
        var line = "\(headline(repeated: repeated)): \(namespace)/\(pod)"
        if let container { line += " container \(container)" }
        var details: [String] = []
        if let reason { details.append(reason) }
        if let exitCode { details.append("exit code \(exitCode)") }
        if !details.isEmpty { line += ": " + details.joined(separator: ", ") }
        if !cluster.isEmpty { line += " [\(cluster)]" }
        if seenLate { line += " (happened while Muninn was not running)" }
        return line
    }
}
