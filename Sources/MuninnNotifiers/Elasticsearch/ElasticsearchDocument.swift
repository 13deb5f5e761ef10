import Crypto
import Foundation
import KubeJSON
import MuninnCore

/// The document an alert becomes: the Kubernetes Pod Monitor's fields first, with their names, types and formats
/// (so its Kibana index pattern, dashboard and saved search keep working), then Muninn's own.
///
/// Pod Monitor fields: `namespace`, `pod_name`, `container_name`, `created_at` (epoch milliseconds of the crash),
/// `cluster_name`, `logs` (the last `maximumLogBytes` bytes), `restart_count`, `termination_state` (client-go's
/// `%v` dump, or `Not Available`). Muninn's: `@timestamp` (ISO 8601, the crash time), `incident_id`, `kind`,
/// `reason`, `message`, `exit_code`, `exit_code_meaning`, `signal`, `node`, `workload_kind`, `workload_name`,
/// `image`, `events`, `restarts_seen`, `seen_late`, `logs_truncated`, `logs_unavailable_reason`, `summary`.
public enum ElasticsearchDocument {
    /// The source of the document for an alert that has already been redacted.
    public static func source(for alert: Alert, maximumLogBytes: Int) -> JSONValue {
        let tail = alert.logs.map { LogTail(PlainText.sanitized($0), maxLines: .max, maxCharacters: .max, maxUTF8Bytes: maximumLogBytes) }
        let createdAt = Int64((alert.occurredAt.timeIntervalSince1970 * 1000).rounded())
        return [
            "namespace": .string(alert.namespace),
            "pod_name": .string(alert.pod),
            "container_name": optional(alert.container),
            "created_at": .int(createdAt),
            "cluster_name": .string(alert.cluster),
            "logs": .string(tail?.text ?? ""),
            "restart_count": .int(Int64(alert.restartCount ?? 0)),
            "termination_state": .string(PlainText.sanitized(TerminationStateText.text(for: alert))),
            "@timestamp": .string(AlertPayload.timestamp(alert.occurredAt)),
            "incident_id": .string(alert.id),
            "kind": .string(alert.kind.rawValue),
            "reason": optional(alert.reason),
            "message": optional(alert.message.map(PlainText.sanitized)),
            "exit_code": optional(alert.exitCode),
            "exit_code_meaning": optional(alert.exitCodeMeaning),
            "signal": optional(alert.signal),
            "node": optional(alert.node),
            "workload_kind": optional(alert.workload?.kind),
            "workload_name": optional(alert.workload?.name),
            "image": optional(alert.image),
            "events": .array(alert.events.map { .string(PlainText.sanitized($0)) }),
            "restarts_seen": optional(alert.restartsSeen),
            "seen_late": .bool(alert.seenLate),
            "logs_truncated": .bool(tail?.isTruncated ?? false),
            "logs_unavailable_reason": optional(alert.logsUnavailableReason.map(PlainText.sanitized)),
            "summary": .string(PlainText.singleLine(alert.summaryLine)),
        ]
    }

    /// The document `_id`: the alert's stable id, so a delivery repeated after a crash or a timeout replaces the
    /// document instead of adding a second one. Ids over Elasticsearch's 512-byte limit are hashed.
    public static func id(for alert: Alert) -> String {
        guard alert.id.utf8.count > 512 else { return alert.id }
        return "sha256-" + LowercaseHex.text(SHA256.hash(data: Array(alert.id.utf8)))
    }

    private static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    private static func optional(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }
}
