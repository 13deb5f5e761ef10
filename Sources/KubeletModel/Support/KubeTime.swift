import Foundation
import KubeJSON

/// The two time encodings pods and events carry: `metav1.Time` (`2006-01-02T15:04:05Z`) and
/// `metav1.MicroTime` (`2006-01-02T15:04:05.000000Z`).
public enum KubeTime {
    public static func rfc3339(_ date: Date) -> String { RFC3339.format(date) }

    public static func micro(_ date: Date) -> String { RFC3339.format(date, fractionalDigits: 6) }

    /// JSON for a time: a string, or `null` for "zero time".
    static func json(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(rfc3339(date))
    }
}
