import Foundation
import KubeJSON

/// What `KubeTime` and `MicroTime` share: a `Date` that travels as an RFC 3339 string with a fixed
/// number of fractional digits, and decodes from any RFC 3339 form.
public protocol RFC3339Timestamp: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Digits after the second when encoding: 0 for `metav1.Time`, 6 for `metav1.MicroTime`.
    static var fractionalDigits: Int { get }
    var date: Date { get }
    init(_ date: Date)
}

extension RFC3339Timestamp {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time: \(text)")
        }
        self.init(date)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { RFC3339.format(date, fractionalDigits: Self.fractionalDigits) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.date < rhs.date }
}
