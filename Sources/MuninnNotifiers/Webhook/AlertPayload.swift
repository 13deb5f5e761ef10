import Foundation
import KubeJSON
import MuninnCore

/// The JSON document the webhook and console destinations emit (schema in docs/destinations.md).
///
/// Keys are always present (null when unknown) so receivers can rely on the shape; `version`
/// changes only when a key changes meaning or disappears.
public enum AlertPayload {
    public static let version = "1"

    /// The payload for an alert that has already been redacted; logs keep their last `maxLogBytes`.
    public static func json(for alert: Alert, maxLogBytes: Int = 64 * 1024) -> JSONValue {
        let logs: JSONValue
        if let text = alert.logs {
            let tail = LogTail(PlainText.sanitized(text), maxLines: Int.max, maxCharacters: Int.max, maxUTF8Bytes: maxLogBytes)
            logs = ["text": .string(tail.text), "truncated": .bool(tail.isTruncated), "linesCut": .int(Int64(tail.linesCut)), "unavailableReason": nil]
        } else {
            logs = ["text": nil, "truncated": false, "linesCut": 0, "unavailableReason": optional(alert.logsUnavailableReason)]
        }
        return [
            "version": .string(version),
            "id": .string(alert.id),
            "kind": .string(alert.kind.rawValue),
            "summary": .string(PlainText.singleLine(alert.summaryLine)),
            "cluster": .string(alert.cluster),
            "namespace": .string(alert.namespace),
            "pod": .string(alert.pod),
            "container": optional(alert.container),
            "node": optional(alert.node),
            "workload": alert.workload.map { ["kind": .string($0.kind), "name": .string($0.name)] } ?? nil,
            "image": optional(alert.image),
            "reason": optional(alert.reason),
            "exitCode": optional(alert.exitCode),
            "signal": optional(alert.signal),
            "exitCodeMeaning": optional(alert.exitCodeMeaning),
            "message": optional(alert.message.map(PlainText.sanitized)),
            "restartCount": optional(alert.restartCount),
            "restartsSeen": optional(alert.restartsSeen),
            "occurredAt": .string(timestamp(alert.occurredAt)),
            "seenLate": .bool(alert.seenLate),
            "events": .array(alert.events.map { .string(PlainText.sanitized($0)) }),
            "logs": logs,
        ]
    }

    /// RFC 3339 in UTC with milliseconds: `2026-08-21T10:15:30.123Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    private static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    private static func optional(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }
}
