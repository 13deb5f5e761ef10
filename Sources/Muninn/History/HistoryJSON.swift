import Foundation
import KubeJSON
import MuninnCore

/// The `--output json` documents of the history commands. Field names are stable and documented in
/// docs/cli.md: add fields, never rename or remove one. Times are UTC RFC 3339 with milliseconds.
enum HistoryJSON {
    static func page(_ page: IncidentPage) -> JSONValue {
        .object(JSONObject([("items", .array(page.items.map(summary))), ("nextCursor", page.nextCursor.map { .string($0.description) } ?? .null)]))
    }

    static func summary(_ item: IncidentSummary) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .int(item.id)), ("cluster", .string(item.cluster)), ("kind", .string(item.kind.rawValue)),
            ("namespace", .string(item.namespace)), ("pod", .string(item.pod)), ("container", string(item.container)),
            ("workload", item.workload.map(workload) ?? .null), ("node", string(item.node)), ("image", string(item.image)),
            ("reason", string(item.reason)), ("exitCode", int(item.exitCode)), ("message", string(item.message)),
            ("restartCount", int(item.restartCount)), ("occurredAt", HistoryTime.json(item.occurredAt)),
            ("enrichedAt", HistoryTime.json(item.enrichedAt)), ("suppression", string(item.suppression)),
            (
                "deliveries",
                .object(
                    JSONObject([
                        ("pending", .int(Int64(item.deliveries.pending))), ("delivered", .int(Int64(item.deliveries.delivered))),
                        ("failed", .int(Int64(item.deliveries.failed))),
                    ]))
            ),
        ]
        if let line = item.matchedLine { members.append(("matchedLine", .string(line))) }
        return .object(JSONObject(members))
    }

    static func record(_ record: IncidentRecord) -> JSONValue {
        guard case .object(var object) = summary(record.summary) else { return .null }
        let alert = record.alert
        let incident = record.incident
        let signal = alert?.signal ?? incident?.signal
        let exitCode = record.summary.exitCode
        let meaning = alert?.exitCodeMeaning ?? ExitCodeDescription.explain(exitCode: exitCode, signal: signal, reason: record.summary.reason)
        let extra: [(String, JSONValue)] = [
            ("queuedAt", HistoryTime.json(record.queuedAt)), ("identity", string(incident?.identity ?? alert?.id)),
            ("signal", int(signal)), ("exitCodeMeaning", string(meaning)),
            ("startedAt", HistoryTime.json(incident?.startedAt)), ("finishedAt", HistoryTime.json(incident?.finishedAt)),
            ("restartsSeen", int(alert?.restartsSeen ?? incident?.restartsSeen)), ("containerID", string(incident?.containerID)),
            ("seenLate", .bool(alert?.seenLate ?? incident?.seenLate ?? false)), ("logs", string(alert?.logs)),
            ("logsUnavailableReason", string(alert?.logsUnavailableReason)),
            ("crashLines", .array((alert?.logs.map { CrashLines.indices(in: $0).sorted() } ?? []).map { .int(Int64($0)) })),
            ("events", .array((alert?.events ?? []).map(JSONValue.string))), ("deliveryRecords", .array(record.deliveries.map(delivery))),
            ("problems", .array(record.problems.map(JSONValue.string))),
        ]
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    static func delivery(_ delivery: DeliveryRecord) -> JSONValue {
        .object(
            JSONObject([
                ("id", .int(delivery.id)), ("destination", .string(delivery.lane.destination)), ("channel", string(delivery.lane.channel)),
                ("threadKey", string(delivery.threadKey)), ("status", .string(delivery.status.rawValue)),
                ("attempts", .int(Int64(delivery.attempts))), ("queuedAt", HistoryTime.json(delivery.queuedAt)),
                ("nextAttemptAt", delivery.status == .pending ? HistoryTime.json(delivery.nextAttemptAt) : .null),
                ("lastAttemptAt", HistoryTime.json(delivery.lastAttemptAt)), ("lastError", string(delivery.lastError)),
                ("deliveredAt", HistoryTime.json(delivery.deliveredAt)), ("messageId", string(delivery.messageID)),
            ]))
    }

    static func stats(buckets: IncidentBuckets, workloads: [WorkloadCrashCount]) -> JSONValue {
        .object(
            JSONObject([
                ("total", .int(Int64(buckets.total))), ("byReason", .array(buckets.reasons.map(reasonCount))),
                (
                    "topWorkloads",
                    .array(
                        workloads.map { item in
                            .object(
                                JSONObject([
                                    ("cluster", .string(item.cluster)), ("namespace", .string(item.namespace)), ("workload", workload(item.workload)),
                                    ("count", .int(Int64(item.count))), ("lastOccurredAt", HistoryTime.json(item.lastOccurredAt)),
                                    ("reasons", .array(item.reasons.map(reasonCount))),
                                ]))
                        })
                ),
                (
                    "buckets",
                    .object(
                        JSONObject([
                            ("size", .string(buckets.size.rawValue)),
                            (
                                "items",
                                .array(
                                    buckets.buckets.map { bucket in
                                        .object(
                                            JSONObject([
                                                ("start", HistoryTime.json(bucket.start)), ("total", .int(Int64(bucket.total))),
                                                ("counts", .array(bucket.counts.map(reasonCount))),
                                            ]))
                                    })
                            ),
                        ]))
                ),
            ]))
    }

    private static func reasonCount(_ count: ReasonCount) -> JSONValue {
        .object(JSONObject([("reason", .string(count.reason)), ("count", .int(Int64(count.count)))]))
    }

    private static func workload(_ workload: Alert.Workload) -> JSONValue {
        .object(JSONObject([("kind", .string(workload.kind)), ("name", .string(workload.name))]))
    }

    private static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func int(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }
}
