import KubeJSON

/// events.k8s.io/v1 is a view of the core/v1 Event storage with renamed fields
/// (kubernetes/kubernetes pkg/apis/events/v1/conversion.go; PROTOCOL.md §11.2).
enum EventConversion {
    /// core/v1 → events.k8s.io/v1, keys in the Go struct order of events/v1 `Event`.
    static func toEventsV1(_ core: JSONValue) -> JSONValue {
        var out = JSONObject()
        if let kind = core["kind"] { out["kind"] = kind }
        if core["apiVersion"] != nil { out["apiVersion"] = "events.k8s.io/v1" }
        out["metadata"] = core["metadata"] ?? .object(JSONObject())
        out["eventTime"] = core["eventTime"] ?? .null
        copy(core, "series", to: &out, as: "series")
        copyNonEmpty(core, "reportingComponent", to: &out, as: "reportingController")
        copyNonEmpty(core, "reportingInstance", to: &out, as: "reportingInstance")
        copyNonEmpty(core, "action", to: &out, as: "action")
        copyNonEmpty(core, "reason", to: &out, as: "reason")
        copy(core, "involvedObject", to: &out, as: "regarding")
        copy(core, "related", to: &out, as: "related")
        copyNonEmpty(core, "message", to: &out, as: "note")
        copyNonEmpty(core, "type", to: &out, as: "type")
        if let source = core["source"]?.objectValue, !source.isEmpty { out["deprecatedSource"] = .object(source) }
        copyNonNull(core, "firstTimestamp", to: &out, as: "deprecatedFirstTimestamp")
        copyNonNull(core, "lastTimestamp", to: &out, as: "deprecatedLastTimestamp")
        if let count = core["count"]?.intValue, count != 0 { out["deprecatedCount"] = .int(count) }
        return .object(out)
    }

    /// events.k8s.io/v1 → core/v1, keys in the Go struct order of core/v1 `Event`.
    static func toCore(_ v1: JSONValue) -> JSONValue {
        var out = JSONObject()
        out["metadata"] = v1["metadata"] ?? .object(JSONObject())
        out["involvedObject"] = v1["regarding"] ?? .object(JSONObject())
        copyNonEmpty(v1, "reason", to: &out, as: "reason")
        copyNonEmpty(v1, "note", to: &out, as: "message")
        out["source"] = v1["deprecatedSource"] ?? .object(JSONObject())
        out["firstTimestamp"] = v1["deprecatedFirstTimestamp"] ?? .null
        out["lastTimestamp"] = v1["deprecatedLastTimestamp"] ?? .null
        if let count = v1["deprecatedCount"]?.intValue, count != 0 { out["count"] = .int(count) }
        copyNonEmpty(v1, "type", to: &out, as: "type")
        out["eventTime"] = v1["eventTime"] ?? .null
        copy(v1, "series", to: &out, as: "series")
        copyNonEmpty(v1, "action", to: &out, as: "action")
        copy(v1, "related", to: &out, as: "related")
        out["reportingComponent"] = v1["reportingController"] ?? ""
        out["reportingInstance"] = v1["reportingInstance"] ?? ""
        return .object(out)
    }

    /// Field-selector labels of the v1 view, mapped onto the core labels the storage indexes.
    static func coreFieldLabel(_ label: String) -> String {
        if label.hasPrefix("regarding.") { return "involvedObject." + label.dropFirst("regarding.".count) }
        switch label {
        case "reportingController": return "reportingComponent"
        case "deprecatedSource": return "source"
        default: return label
        }
    }

    private static func copy(_ from: JSONValue, _ key: String, to out: inout JSONObject, as newKey: String) {
        if let value = from[key], !value.isNull { out[newKey] = value }
    }

    private static func copyNonNull(_ from: JSONValue, _ key: String, to out: inout JSONObject, as newKey: String) {
        if let value = from[key], !value.isNull { out[newKey] = value }
    }

    private static func copyNonEmpty(_ from: JSONValue, _ key: String, to out: inout JSONObject, as newKey: String) {
        if let value = from[key], !value.isNull, value != "" { out[newKey] = value }
    }
}
