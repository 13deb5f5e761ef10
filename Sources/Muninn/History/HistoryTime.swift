import ArgumentParser
import Foundation
import KubeJSON

/// The moments the history commands take and print: UTC, ISO 8601, no local time anywhere.
enum HistoryTime {
    /// `2h`, `30m`, `7d`, `90s`, `2w` (that long before `now`), `2026-11-20T10:00:00Z` (any RFC 3339 offset), or `2026-11-20` (UTC midnight).
    static func parse(_ text: String, now: Date, option: String) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = trimmed.last, let seconds = unitSeconds[unit], let amount = Double(trimmed.dropLast()), amount >= 0, amount.isFinite {
            return now.addingTimeInterval(-amount * seconds)
        }
        if let date = RFC3339.parse(trimmed) { return date }
        if trimmed.count == 10, let date = RFC3339.parse(trimmed + "T00:00:00Z") { return date }
        throw ValidationError(
            "\(option): cannot read '\(text)': give a duration before now (30m, 2h, 7d, 2w) or a UTC time (2026-11-20T10:00:00Z, 2026-11-20)")
    }

    private static let unitSeconds: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// For people: to the second.
    static func text(_ date: Date) -> String { RFC3339.format(date) }

    /// For scripts: to the millisecond, always three digits.
    static func json(_ date: Date) -> JSONValue { .string(RFC3339.format(date, fractionalDigits: 3)) }

    static func json(_ date: Date?) -> JSONValue { date.map(json) ?? .null }
}
