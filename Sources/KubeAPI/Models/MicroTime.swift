import Foundation

/// A `metav1.MicroTime` (events, leases): RFC 3339 with six fractional digits on the wire
/// (`2006-01-02T15:04:05.000000Z`). Decoding also accepts whole seconds.
public struct MicroTime: RFC3339Timestamp {
    public static let fractionalDigits = 6
    public var date: Date

    public init(_ date: Date) { self.date = date }
}
