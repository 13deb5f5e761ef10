import Foundation
import SQLiteNIO

/// A date as the store keeps it: whole milliseconds since the Unix epoch, an INTEGER that sorts, compares
/// and indexes exactly (and maps onto PostgreSQL's timestamps without rounding surprises).
struct EpochMilliseconds: Sendable, Hashable, Comparable {
    var value: Int

    /// Beyond year ±285,000; keeps absurd dates (distantFuture is fine) from overflowing.
    private static let limit = 9_000_000_000_000_000.0

    /// Rounded to the nearest millisecond, so a stored value read back and stored again is unchanged.
    init(_ date: Date) {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        if milliseconds.isNaN {
            value = 0
        } else {
            value = Int(min(max(milliseconds, -Self.limit), Self.limit))
        }
    }

    init(value: Int) {
        self.value = value
    }

    var date: Date { Date(timeIntervalSince1970: Double(value) / 1000) }

    var sqlite: SQLiteData { .integer(value) }

    static func < (lhs: EpochMilliseconds, rhs: EpochMilliseconds) -> Bool { lhs.value < rhs.value }
}
