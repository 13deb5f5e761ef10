import Foundation
import KubeJSON

/// Kubernetes time formats, written by hand because they are on the hot path of bulk generation
/// and must be byte-exact: `metav1.Time` is RFC3339 in seconds (`2006-01-02T15:04:05Z`),
/// `metav1.MicroTime` has six fractional digits.
public enum KubeTime {
    /// `2006-01-02T15:04:05Z`.
    public static func rfc3339(_ date: Date) -> String {
        format(seconds: Int64(date.timeIntervalSince1970.rounded(.down)), micros: nil)
    }

    /// `2006-01-02T15:04:05.000000Z`.
    public static func micro(_ date: Date) -> String {
        let total = date.timeIntervalSince1970
        let seconds = Int64(total.rounded(.down))
        let micros = Int64(((total - Double(seconds)) * 1_000_000).rounded(.down))
        return format(seconds: seconds, micros: max(0, min(999_999, micros)))
    }

    /// JSON for a time: a string, or `null` for "zero time".
    static func json(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(rfc3339(date))
    }

    private static func format(seconds: Int64, micros: Int64?) -> String {
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil-from-days (Howard Hinnant's algorithm), valid for the proleptic Gregorian calendar.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var text = ""
        text.reserveCapacity(27)
        append(year, width: 4, to: &text)
        text.append("-")
        append(month, width: 2, to: &text)
        text.append("-")
        append(day, width: 2, to: &text)
        text.append("T")
        append(secondOfDay / 3600, width: 2, to: &text)
        text.append(":")
        append(secondOfDay / 60 % 60, width: 2, to: &text)
        text.append(":")
        append(secondOfDay % 60, width: 2, to: &text)
        if let micros {
            text.append(".")
            append(micros, width: 6, to: &text)
        }
        text.append("Z")
        return text
    }

    private static func append(_ value: Int64, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text.append(String(repeating: "0", count: width - digits.count)) }
        text.append(digits)
    }
}
