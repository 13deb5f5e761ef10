import Crypto
import Foundation
import KubeJSON
import MuninnCore

/// The Events API v2 event for an alert: a `trigger` with a stable `dedup_key` per container, or a
/// `resolve` with the same key when the alert says the container recovered.
public enum PagerDutyEvent {
    /// `muninn/<cluster>/<namespace>/<pod>/<container>` (`-` for a pod-level alert): the same for every
    /// crash of a container, so a crash loop updates one PagerDuty alert instead of paging again,
    /// and its recovery resolves it. Keys over PagerDuty's 255 characters end in a hash instead.
    public static func dedupKey(for alert: Alert) -> String {
        let key = ["muninn", alert.cluster.isEmpty ? "-" : alert.cluster, alert.namespace, alert.pod, alert.container ?? "-"].joined(separator: "/")
        guard key.utf8.count > 255 else { return key }
        let digest = LowercaseHex.text(SHA256.hash(data: Array(key.utf8)))
        return String(String.UnicodeScalarView(key.unicodeScalars.prefix(180))) + "#" + digest
    }

    /// The request body.
    public static func body(for alert: Alert, configuration: PagerDutyConfiguration) -> JSONValue {
        let dedupKey = dedupKey(for: alert)
        if alert.isRecovery {
            return ["routing_key": .string(configuration.routingKey), "event_action": "resolve", "dedup_key": .string(dedupKey)]
        }
        var details: JSONValue = [:]
        for row in alert.factRows { details[row.label.lowercased().replacingOccurrences(of: " ", with: "_")] = .string(row.value) }
        if let message = alert.shownMessage { details["message"] = .string(message) }
        if !alert.events.isEmpty { details["events"] = .array(alert.events.suffix(10).map { .string(PlainText.clipped(PlainText.singleLine($0), to: 500)) }) }
        if let logs = alert.logs {
            let tail = LogTail(PlainText.sanitized(logs), maxLines: configuration.logLines, maxCharacters: Int.max, maxUTF8Bytes: configuration.maximumLogBytes)
            details["logs"] = .string(tail.text)
            if let notice = tail.cutNotice { details["logs_cut"] = .string(notice) }
        } else {
            details["logs_unavailable"] = .string(PlainText.singleLine(alert.logsUnavailableReason ?? "not collected"))
        }
        details["alert_id"] = .string(alert.id)
        var payload: JSONValue = [
            "summary": .string(templatedSummary(alert, configuration: configuration) ?? PlainText.clipped(PlainText.singleLine(alert.summaryLine), to: 1_024)),
            "source": .string(PlainText.clipped(PlainText.singleLine([alert.cluster, alert.namespace, alert.pod].filter { !$0.isEmpty }.joined(separator: "/")), to: 255)),
            "severity": .string((configuration.severity ?? PagerDutySeverity.of(alert.kind)).rawValue),
            "timestamp": .string(alert.occurredAtText),
        ]
        if let container = alert.container { payload["component"] = .string(PlainText.singleLine(container)) }
        if let workload = alert.workload { payload["group"] = .string(PlainText.singleLine("\(workload.kind)/\(workload.name)")) }
        if let reason = alert.reason { payload["class"] = .string(PlainText.singleLine(reason)) }
        payload["custom_details"] = details
        var body: JSONValue = [
            "routing_key": .string(configuration.routingKey), "event_action": "trigger", "dedup_key": .string(dedupKey), "payload": payload,
            "client": "Muninn",
        ]
        if let clientURL = configuration.clientURL { body["client_url"] = .string(clientURL) }
        return body
    }
}
