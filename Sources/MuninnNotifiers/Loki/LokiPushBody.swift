import Foundation
import KubeJSON
import MuninnCore

/// The JSON body of `POST /loki/api/v1/push` for one alert: one stream, its labels, and the log's lines in order.
///
/// The captured log has no timestamps of its own, so the lines are stamped backwards from the crash time, one
/// nanosecond apart: the last line carries the crash time, order is kept, and timestamps strictly increase (Loki
/// drops an entry with the same timestamp and text as the one before). A repeated push of the same alert carries
/// the same timestamps and lines, which Loki ignores as duplicates.
enum LokiPushBody {
    struct Stream {
        var labels: [(name: String, value: String)]
        var lines: [String]
        /// Nanoseconds since the epoch of the last line.
        var lastTimestamp: Int64
    }

    /// Labels: `muninn="crash"`, `cluster`, `namespace`, `pod`, `container`, `reason` (those with a value), then `extra`.
    static func stream(for alert: Alert, extraLabels: [String: String], maximumLineBytes: Int, maximumLogBytes: Int) -> Stream {
        var labels: [(name: String, value: String)] = [("muninn", "crash")]
        let candidates: [(String, String?)] = [
            ("cluster", alert.cluster), ("namespace", alert.namespace), ("pod", alert.pod), ("container", alert.container),
            ("reason", alert.reason),
        ]
        for (name, value) in candidates {
            if let value, !value.isEmpty { labels.append((name, PlainText.singleLine(value))) }
        }
        for name in extraLabels.keys.sorted() where !labels.contains(where: { $0.name == name }) {
            labels.append((name, extraLabels[name] ?? ""))
        }
        return Stream(
            labels: labels, lines: lines(of: alert, maximumLineBytes: maximumLineBytes, maximumLogBytes: maximumLogBytes),
            lastTimestamp: nanoseconds(alert.occurredAt))
    }

    static func json(_ stream: Stream) -> JSONValue {
        let count = Int64(stream.lines.count)
        let values: [JSONValue] = stream.lines.enumerated().map { index, line in
            .array([.string(String(stream.lastTimestamp - (count - 1 - Int64(index)))), .string(line)])
        }
        let labels = JSONValue.object(JSONObject(stream.labels.map { ($0.name, JSONValue.string($0.value)) }))
        return ["streams": [["stream": labels, "values": .array(values)]]]
    }

    /// The log's lines (its end, within `maximumLogBytes`), each cut to `maximumLineBytes`; a single line saying why
    /// when there is no log, so the crash still shows in Loki.
    static func lines(of alert: Alert, maximumLineBytes: Int, maximumLogBytes: Int) -> [String] {
        guard let log = alert.logs, !log.isEmpty else {
            let why = alert.logsUnavailableReason.map { "no logs: \(PlainText.singleLine($0))" } ?? "no logs"
            return [clip("muninn: \(PlainText.singleLine(alert.summaryLine)); \(why)", to: maximumLineBytes)]
        }
        let tail = LogTail(PlainText.sanitized(log), maxLines: .max, maxCharacters: .max, maxUTF8Bytes: maximumLogBytes)
        return tail.text.split(separator: "\n", omittingEmptySubsequences: false).map { clip(String($0), to: maximumLineBytes) }
    }

    /// The first `limit` bytes of `line`, on a character boundary.
    static func clip(_ line: String, to limit: Int) -> String {
        guard line.utf8.count > limit else { return line }
        var result = ""
        var bytes = 0
        for scalar in line.unicodeScalars {
            bytes += scalar.utf8.count
            if bytes > limit { break }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    static func nanoseconds(_ date: Date) -> Int64 {
        // Milliseconds are what a Double of seconds since 1970 holds exactly.
        Int64((date.timeIntervalSince1970 * 1000).rounded()) * 1_000_000
    }
}
