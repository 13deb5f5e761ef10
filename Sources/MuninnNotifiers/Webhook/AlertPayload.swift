import Crypto
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
    /// `thread` is the message id of the first alert of the conversation this one repeats.
    public static func json(for alert: Alert, maxLogBytes: Int = 64 * 1024, thread: String? = nil) -> JSONValue {
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
            "messageId": .string(messageID(for: alert)),
            "thread": optional(thread),
            "precedingChange": alert.precedingChange.map { precedingChange($0, alert: alert, maxDiffBytes: maxLogBytes) } ?? .null,
        ]
    }

    /// The workload's change shortly before the alert; the unified diff is cut from the end to `maxDiffBytes`.
    static func precedingChange(_ change: PrecedingChange, alert: Alert, maxDiffBytes: Int) -> JSONValue {
        var diff = String.UnicodeScalarView()
        var bytes = 0
        var truncated = false
        for scalar in PlainText.sanitized(change.unifiedDiff).unicodeScalars {
            bytes += scalar.utf8.count
            if bytes > maxDiffBytes {
                truncated = true
                break
            }
            diff.append(scalar)
        }
        return [
            "changeId": .string(change.changeID),
            "kind": .string(change.kind),
            "name": .string(change.name),
            "changedAt": .string(timestamp(change.changedAt)),
            "changedBy": optional(change.changedBy),
            "summary": .string(PlainText.sanitized(change.summary)),
            "sentence": .string(PlainText.sanitized(change.sentence(for: alert))),
            "fieldChanges": .array(change.fieldChanges.map { field in
                ["path": .string(field.path), "operation": .string(field.operation.rawValue), "old": optional(field.old), "new": optional(field.new)]
            }),
            "unifiedDiff": .string(String(diff)),
            "unifiedDiffTruncated": .bool(truncated),
        ]
    }

    /// The message id of an alert (`webhook-id`): `msg_` and 32 hex digits of a hash of the alert
    /// ID, the same on every retry so receivers can de-duplicate.
    public static func messageID(for alert: Alert) -> String {
        let digest = SHA256.hash(data: Array(alert.id.utf8))
        return "msg_" + LowercaseHex.text(digest.prefix(16))
    }

    /// RFC 3339 in UTC with milliseconds: `2026-08-21T10:15:30.123Z`.
    static func timestamp(_ date: Date) -> String {
        RFC3339.format(date, fractionalDigits: 3)
    }

    private static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    private static func optional(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }
}
