import MuninnCore

extension Alert {
    /// A copy whose free text (message, logs, events, the reason logs are missing) went through
    /// `redactor`; names and codes are left alone.
    public func redacted(with redactor: LogRedactor) -> Alert {
        var copy = self
        copy.message = message.map(redactor.redact)
        copy.logs = logs.map(redactor.redact)
        copy.logsUnavailableReason = logsUnavailableReason.map(redactor.redact)
        copy.events = events.map(redactor.redact)
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

    /// "137 (killed by SIGKILL)", or nil without an exit code.
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
    var summaryLine: String {
        var line = "\(headline): \(namespace)/\(pod)"
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
