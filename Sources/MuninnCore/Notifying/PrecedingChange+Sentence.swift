import Foundation

extension PrecedingChange {
    /// The one line every destination shows: "Started crashing 2 minutes after image of web changed v1 -> v2
    /// (by kubectl-client-side-apply at 10:42 UTC)". Not escaped: it holds text from the cluster, and each
    /// destination escapes it for its own markup.
    public func sentence(for alert: Alert) -> String {
        let gap = max(0, alert.occurredAt.timeIntervalSince(changedAt))
        var text = "\(Self.verb(alert.kind)) \(Self.interval(gap)) after \(summary)"
        var origin: [String] = []
        if let changedBy, !changedBy.isEmpty { origin.append("by \(changedBy)") }
        origin.append("at \(Self.clockTime(changedAt))")
        text += " (\(origin.joined(separator: " ")))"
        return text
    }

    static func verb(_ kind: Alert.Kind) -> String {
        switch kind {
        case .crashed: "Started crashing"
        case .cannotStart: "Could not start"
        case .notReady: "Not ready"
        case .evicted: "Evicted"
        case .failed: "Failed"
        case .recovered: "Recovered"
        }
    }

    /// `less than a minute`, `1 minute`, `2 minutes`, `1 hour 5 minutes`.
    static func interval(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 1 { return "less than a minute" }
        if minutes < 60 { return minutes == 1 ? "1 minute" : "\(minutes) minutes" }
        let hours = minutes / 60, rest = minutes % 60
        let hourText = hours == 1 ? "1 hour" : "\(hours) hours"
        return rest == 0 ? hourText : "\(hourText) \(rest) minute\(rest == 1 ? "" : "s")"
    }

    /// `10:42 UTC`: the window is short (30 minutes by default), so the time alone is unambiguous.
    static func clockTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(two(parts.hour)):\(two(parts.minute)) UTC"
    }
}
