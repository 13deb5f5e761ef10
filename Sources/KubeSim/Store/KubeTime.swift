import Foundation
import KubeJSON

/// Kubernetes time encodings: `Time` is RFC 3339 with seconds, logs use RFC 3339 with nanoseconds.
enum KubeTime {
    static func rfc3339(_ date: Date) -> String { RFC3339.format(date) }

    /// `2006-01-02T15:04:05.999999999Z` with all nine digits, as the kubelet prefixes log lines.
    static func rfc3339Nano(_ date: Date) -> String { RFC3339.format(date, fractionalDigits: 9) }

    static func parse(_ text: String) -> Date? { RFC3339.parse(text) }
}
