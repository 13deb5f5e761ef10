import Foundation
import KubeJSON
import MuninnCore

/// `GET /api/v1/workloads/{namespace}/{kind}/{name}/timeline`: the workload, whether change history is on,
/// and the entries newest first, each `{"type":"incident","at":...,"incident":{...}}` (the list's item document,
/// plus `afterChange`) or `{"type":"change","at":...,"change":{...}}`. Stable like every API document.
enum TimelineJSON {
    static func timeline(_ timeline: WorkloadTimeline) -> JSONValue {
        let workload = timeline.workload
        return .object(
            JSONObject([
                ("namespace", .string(workload.namespace)), ("kind", .string(workload.kind)), ("name", .string(workload.name)),
                ("changeHistoryEnabled", .bool(timeline.changeHistoryEnabled)), ("truncated", .bool(timeline.truncated)),
                ("items", .array(timeline.entries.map(entry))),
            ]))
    }

    static func entry(_ entry: WorkloadTimelineEntry) -> JSONValue {
        switch entry {
        case .incident(let incident, let afterChange):
            var summary = HistoryJSON.summary(incident)
            if case .object(var object) = summary {
                let link: JSONValue =
                    afterChange.map { link -> JSONValue in
                        .object(JSONObject([("changeId", .string(link.changeID)), ("seconds", .int(Int64(link.seconds)))]))
                    } ?? .null
                object["afterChange"] = link
                summary = .object(object)
            }
            return .object(JSONObject([("type", .string("incident")), ("at", time(incident.occurredAt)), ("incident", summary)]))
        case .change(let change):
            return .object(JSONObject([("type", .string("change")), ("at", time(change.observedAt)), ("change", self.change(change))]))
        }
    }

    /// One stored manifest change.
    static func change(_ change: ManifestChange) -> JSONValue {
        .object(
            JSONObject([
                ("id", .string(change.id)), ("cluster", .string(change.cluster)), ("resource", .string(change.resource)),
                ("kind", .string(change.kind)), ("namespace", .string(change.namespace)), ("name", .string(change.name)),
                ("uid", change.uid.map(JSONValue.string) ?? .null), ("action", .string(change.action.rawValue)),
                ("observedAt", time(change.observedAt)), ("whileStopped", .bool(change.whileStopped)),
                ("workload", workload(change.workload)),
                ("changedBy", change.changedBy.map(JSONValue.string) ?? .null),
                ("fieldChanges", .array(change.diff.fieldChanges.map(fieldChange))), ("unifiedDiff", .string(change.diff.unifiedDiff)),
            ]))
    }

    private static func workload(_ workload: Alert.Workload?) -> JSONValue {
        guard let workload else { return .null }
        return .object(JSONObject([("kind", .string(workload.kind)), ("name", .string(workload.name))]))
    }

    private static func fieldChange(_ field: FieldChange) -> JSONValue {
        .object(
            JSONObject([
                ("path", .string(field.path)), ("operation", .string(field.operation.rawValue)),
                ("old", field.old.map(JSONValue.string) ?? .null), ("new", field.new.map(JSONValue.string) ?? .null),
            ]))
    }

    private static func time(_ date: Date) -> JSONValue { .string(RFC3339.format(date, fractionalDigits: 3)) }
}
