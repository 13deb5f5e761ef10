import Foundation

/// One human-readable line per change, for the terminal (`muninn demo`, `muninn run` in text mode).
public enum PodChangeFormatter {
    public static func line(_ change: PodChange, at time: Date) -> String {
        let clock = time.formatted(.iso8601.time(includingFractionalSeconds: false))
        var subject = "\(change.namespace)/\(change.pod)"
        if let container = change.container {
            subject += change.role == .regular ? " [\(container)]" : " [\(change.role.rawValue) \(container)]"
        }
        return "\(clock)    \(subject) \(describe(change.kind))"
    }

    static func describe(_ kind: PodChange.Kind) -> String {
        switch kind {
        case .podAdded(let phase): return "pod added (\(phase ?? "no phase yet"))"
        case .podDeleted: return "pod deleted"
        case .phaseChanged(let from, let to, let reason):
            return "phase \(from ?? "-") -> \(to ?? "-")" + (reason.map { " (\($0))" } ?? "")
        case .containerRunning: return "running"
        case .containerWaiting(let reason, let message):
            return "waiting: \(reason ?? "unknown")" + (message.map { " - \(oneLine($0))" } ?? "")
        case .containerTerminated(let reason, let exitCode, let signal, let message):
            var text = "terminated: \(reason ?? "unknown"), exit code \(exitCode)"
            if let explanation = ExitCodeDescription.explain(exitCode: exitCode, signal: signal, reason: reason) { text += " (\(explanation))" }
            if let message, !message.isEmpty { text += " - \(oneLine(message))" }
            return text
        case .containerRestarted(let count, let restarts):
            return restarts > 1 ? "restarted \(restarts) times (restart count \(count))" : "restarted (restart count \(count))"
        case .readinessChanged(let ready): return ready ? "ready" : "not ready"
        }
    }

    /// Cluster text is shown on one line and cut, so a hostile message cannot flood the terminal.
    static func oneLine(_ text: String, limit: Int = 160) -> String {
        let flattened = text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : String($0) }.joined()
        return flattened.count > limit ? String(flattened.prefix(limit)) + "…" : flattened
    }
}
