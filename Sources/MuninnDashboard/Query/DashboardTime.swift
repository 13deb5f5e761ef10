import Foundation
import KubeJSON

/// The moments filters take: `2h`, `30m`, `7d`, `2w` before now, an RFC 3339 time, or a UTC day (`2026-11-20`);
/// the same forms as the CLI's `--since`/`--until`.
enum DashboardTime {
    private static let unitSeconds: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    static func parse(_ text: String, now: Date) -> Date? {
        if let unit = text.last, let seconds = unitSeconds[unit], let amount = Double(text.dropLast()), amount >= 0, amount.isFinite {
            return now.addingTimeInterval(-amount * seconds)
        }
        if let date = RFC3339.parse(text) { return date }
        if text.count == 10, let date = RFC3339.parse(text + "T00:00:00Z") { return date }
        return nil
    }

    /// To the second, UTC: what pages show.
    static func text(_ date: Date) -> String { RFC3339.format(date) }
}
