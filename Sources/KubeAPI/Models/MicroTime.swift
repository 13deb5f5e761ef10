import KubeJSON
import Foundation

/// A `metav1.MicroTime` (events, leases): RFC 3339 with six fractional digits on the wire
/// (`2006-01-02T15:04:05.000000Z`). Decoding also accepts whole seconds.
public struct MicroTime: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time: \(text)")
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(RFC3339.format(date, fractionalDigits: 6))
    }

    public var description: String { RFC3339.format(date, fractionalDigits: 6) }

    public static func < (lhs: MicroTime, rhs: MicroTime) -> Bool { lhs.date < rhs.date }
}
