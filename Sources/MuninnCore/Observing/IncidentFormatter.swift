import Foundation

/// One line per incident for the terminal: what `muninn demo` and `muninn run` print until the
/// alert pipeline delivers to real destinations.
public enum IncidentFormatter {
    public static func line(_ incident: Incident) -> String {
        let clock = incident.observedAt.formatted(.iso8601.time(includingFractionalSeconds: false))
        var subject = "\(incident.namespace)/\(incident.podName)"
        if let container = incident.container {
            let role = incident.role.map { $0 == .regular ? "" : "\($0.rawValue) " } ?? ""
            subject += " [\(role)\(container)]"
        }
        var text = "\(clock) !! ALERT \(headline(incident.kind)): \(subject)"
        if let reason = incident.reason { text += " \(reason)" }
        if let exitCode = incident.exitCode {
            text += ", exit code \(exitCode)"
            if let meaning = ExitCodeDescription.explain(exitCode: exitCode, signal: incident.signal, reason: incident.reason) { text += " (\(meaning))" }
        }
        if let restarts = incident.restartCount, restarts > 0 { text += ", restart count \(restarts)" }
        if let seen = incident.restartsSeen, seen > 1 { text += " (\(seen) restarts seen)" }
        if let node = incident.node { text += ", node \(node)" }
        if incident.seenLate { text += ", seen late" }
        if let message = incident.message, !message.isEmpty { text += " - \(PodChangeFormatter.oneLine(message))" }
        return text
    }

    static func headline(_ kind: Incident.Kind) -> String {
        switch kind {
        case .containerTerminated: "container crashed"
        case .cannotStart: "container cannot start"
        case .notReady: "pod not ready"
        case .podEvicted: "pod evicted"
        case .podFailed: "pod failed"
        case .runningAgain: "running again"
        case .readyAgain: "ready again"
        }
    }
}
