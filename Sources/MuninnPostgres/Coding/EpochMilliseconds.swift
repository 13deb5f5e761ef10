import Foundation

/// A date as the store keeps it: whole milliseconds since the Unix epoch in a BIGINT, as the SQLite store
/// does. Exact where PostgreSQL-NIO's TIMESTAMPTZ coding truncates to microseconds through a Double, so a
/// date read back always equals the one stored.
struct EpochMilliseconds: Sendable, Hashable, Comparable {
    var value: Int64

    /// Beyond year ±285,000; keeps absurd dates (distantFuture is fine) from overflowing.
    private static let limit = 9_000_000_000_000_000.0

    /// Rounded to the nearest millisecond, so a stored value read back and stored again is unchanged.
    init(_ date: Date) {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        if milliseconds.isNaN {
            value = 0
        } else {
            value = Int64(min(max(milliseconds, -Self.limit), Self.limit))
        }
    }

    init(value: Int64) {
        self.value = value
    }

    var date: Date { Date(timeIntervalSince1970: Double(value) / 1000) }

    static func < (lhs: EpochMilliseconds, rhs: EpochMilliseconds) -> Bool { lhs.value < rhs.value }
}
