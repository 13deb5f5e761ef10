/// Durations written the way Go's `time.Duration.String()` writes them, since the kubelet's
/// messages embed them: `10s`, `2m40s`, `5m0s`, `901ms`, `1.234s`.
enum GoDuration {
    static func format(seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        let hours = seconds / 3600, minutes = seconds / 60 % 60, rest = seconds % 60
        if hours > 0 { return "\(hours)h\(minutes)m\(rest)s" }
        return "\(minutes)m\(rest)s"
    }

    static func format(milliseconds: Int) -> String {
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let whole = milliseconds / 1000, fraction = milliseconds % 1000
        if fraction == 0 { return format(seconds: whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        if whole >= 60 { return format(seconds: whole) }
        return "\(whole).\(digits)s"
    }
}
