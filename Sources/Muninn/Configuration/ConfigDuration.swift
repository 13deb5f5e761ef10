import Foundation

/// Reads durations as configuration files write them: `30s`, `5m`, `1h30m`, `500ms`, `2d`, or a bare
/// number of seconds (`90`, `1.5`).
enum ConfigDuration {
    static func parse(_ text: String) -> Duration? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if let seconds = Double(text) {
            guard seconds >= 0, seconds.isFinite, seconds < 1e12 else { return nil }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        var total = Duration.zero
        var rest = Substring(text)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number), value.isFinite, value < 1e12 else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let millisecondsPerUnit = units[String(unit)] else { return nil }
            total += .milliseconds(Int64((value * millisecondsPerUnit).rounded()))
        }
        return total
    }

    private static let units: [String: Double] = ["ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]

    /// The shortest of the forms above that reads back to the same value, for `check-config`.
    static func text(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "0s" }
        if milliseconds % 1000 != 0 { return "\(milliseconds)ms" }
        var seconds = milliseconds / 1000
        var text = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        if seconds > 0 { text += "\(seconds)s" }
        return text
    }
}
