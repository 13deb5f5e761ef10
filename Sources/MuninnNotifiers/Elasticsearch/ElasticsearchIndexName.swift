import Foundation

/// Daily index names, `<prefix>-YYYY.MM.DD`, and the rules Elasticsearch enforces on them.
public enum ElasticsearchIndexName {
    /// The index for an incident at `date`: its UTC day, so a late delivery still lands on the day it happened.
    public static func daily(prefix: String, date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        let year = day.year ?? 1970
        return "\(prefix)-\(String(format: "%04d.%02d.%02d", year, day.month ?? 1, day.day ?? 1))"
    }

    /// Why `prefix` cannot start index names, or nil when it can: lowercase, none of `\ / * ? " < > | , #`, space or
    /// `:`, not starting with `-`, `_` or `+`, and short enough for the 255-byte limit with the date.
    public static func prefixProblem(_ prefix: String) -> String? {
        if prefix.isEmpty { return "the index prefix must not be empty" }
        if prefix != prefix.lowercased() { return "index names must be lowercase: '\(prefix)'" }
        if let bad = prefix.first(where: { "\\/*?\"<>|, #:".contains($0) }) { return "index names cannot contain '\(bad)': '\(prefix)'" }
        if let first = prefix.first, "-_+.".contains(first) { return "index names cannot start with '\(first)': '\(prefix)'" }
        if prefix.utf8.count + "-YYYY.MM.DD".utf8.count > 255 { return "the index prefix is too long (index names are at most 255 bytes)" }
        return nil
    }
}
