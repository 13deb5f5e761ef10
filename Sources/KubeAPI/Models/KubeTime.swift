import Foundation

/// A `metav1.Time`: RFC 3339 with whole seconds on the wire (`2006-01-02T15:04:05Z`).
/// Decoding also accepts fractional seconds and offsets.
public struct KubeTime: RFC3339Timestamp {
    public static let fractionalDigits = 0
    public var date: Date

    public init(_ date: Date) { self.date = date }
}
