import Foundation
import KubeJSON
import MuninnCore

/// The `--output json` documents of the history commands. Field names are stable and documented in
/// docs/cli.md; the dashboard's JSON API (docs/dashboard.md) publishes the same documents: add fields, never rename or remove one. Times are UTC RFC 3339 with milliseconds.
public enum HistoryJSON {
    /// A page of incidents: `items` and `nextCursor`.
    public static func page(_ page: IncidentPage) -> JSONValue {
        .object(JSONObject([("items", .array(page.items.map(summary))), ("nextCursor", page.nextCursor.map { .string($0.description) } ?? .null)]))
    }

    /// One incident as a list item.
    public static func summary(_ item: IncidentSummary) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .int(item.id)), ("cluster", .string(item.cluster)), ("kind", .string(item.kind.rawValue)),
            ("namespace", .string(item.namespace)), ("pod", .string(item.pod)), ("container", string(item.container)),
            ("workload", item.workload.map(workload) ?? .null), ("node", string(item.node)), ("image", string(item.image)),
            ("reason", string(item.reason)), ("exitCode", int(item.exitCode)), ("message", string(item.message)),
            ("restartCount", int(item.restartCount)), ("occurredAt", time(item.occurredAt)),
            ("enrichedAt", time(item.enrichedAt)), ("suppression", string(item.suppression)),
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

    /// One incident in full: the summary's fields, the termination record, logs, events and delivery records.
    public static func record(_ record: IncidentRecord) -> JSONValue {
        guard case .object(var object) = summary(record.summary) else { return .null }
        let alert = record.alert
        let incident = record.incident
        let signal = alert?.signal ?? incident?.signal
        let exitCode = record.summary.exitCode
        let meaning = alert?.exitCodeMeaning ?? ExitCodeDescription.explain(exitCode: exitCode, signal: signal, reason: record.summary.reason)
        let extra: [(String, JSONValue)] = [
            ("queuedAt", time(record.queuedAt)), ("identity", string(incident?.identity ?? alert?.id)),
            ("signal", int(signal)), ("exitCodeMeaning", string(meaning)),
            ("startedAt", time(incident?.startedAt)), ("finishedAt", time(incident?.finishedAt)),
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

    /// One delivery record.
    public static func delivery(_ delivery: DeliveryRecord) -> JSONValue {
        .object(
            JSONObject([
                ("id", .int(delivery.id)), ("destination", .string(delivery.lane.destination)), ("channel", string(delivery.lane.channel)),
                ("threadKey", string(delivery.threadKey)), ("status", .string(delivery.status.rawValue)),
                ("attempts", .int(Int64(delivery.attempts))), ("queuedAt", time(delivery.queuedAt)),
                ("nextAttemptAt", delivery.status == .pending ? time(delivery.nextAttemptAt) : .null),
                ("lastAttemptAt", time(delivery.lastAttemptAt)), ("lastError", string(delivery.lastError)),
                ("deliveredAt", time(delivery.deliveredAt)), ("messageId", string(delivery.messageID)),
            ]))
    }

    /// `muninn stats --output json`: the total, reasons, top workloads and buckets in one document.
    public static func stats(buckets: IncidentBuckets, workloads: [WorkloadCrashCount]) -> JSONValue {
        .object(
            JSONObject([
                ("total", .int(Int64(buckets.total))), ("byReason", .array(buckets.reasons.map(reasonCount))),
                ("topWorkloads", .array(workloads.map(workloadCount))), ("buckets", bucketItems(buckets)),
            ]))
    }

    /// `GET /api/v1/stats/buckets`: the `buckets` member of `stats` with the total and the legend's reasons.
    public static func buckets(_ buckets: IncidentBuckets) -> JSONValue {
        guard case .object(var object) = bucketItems(buckets) else { return .null }
        object["total"] = .int(Int64(buckets.total))
        object["byReason"] = .array(buckets.reasons.map(reasonCount))
        return .object(object)
    }

    /// One item of `topWorkloads`.
    public static func workloadCount(_ item: WorkloadCrashCount) -> JSONValue {
        .object(
            JSONObject([
                ("cluster", .string(item.cluster)), ("namespace", .string(item.namespace)), ("workload", workload(item.workload)),
                ("count", .int(Int64(item.count))), ("lastOccurredAt", time(item.lastOccurredAt)),
                ("reasons", .array(item.reasons.map(reasonCount))),
            ]))
    }

    private static func bucketItems(_ buckets: IncidentBuckets) -> JSONValue {
        .object(
            JSONObject([
                ("size", .string(buckets.size.rawValue)),
                (
                    "items",
                    .array(
                        buckets.buckets.map { bucket in
                            .object(
                                JSONObject([
                                    ("start", time(bucket.start)), ("total", .int(Int64(bucket.total))),
                                    ("counts", .array(bucket.counts.map(reasonCount))),
                                ]))
                        })
                ),
            ]))
    }

    private static func reasonCount(_ count: ReasonCount) -> JSONValue {
        .object(JSONObject([("reason", .string(count.reason)), ("count", .int(Int64(count.count)))]))
    }

    private static func workload(_ workload: Alert.Workload) -> JSONValue {
        .object(JSONObject([("kind", .string(workload.kind)), ("name", .string(workload.name))]))
    }

    private static func time(_ date: Date) -> JSONValue { .string(RFC3339.format(date, fractionalDigits: 3)) }
    private static func time(_ date: Date?) -> JSONValue { date.map(time) ?? .null }
    private static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func int(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }
}
