import KubeJSON
/// Parses and validates list/watch options exactly as the apiserver rejects them
/// (k8s.io/apimachinery pkg/apis/meta/internalversion/validation; PROTOCOL.md §3.2, §4.7).
enum ListOptionsParser {
    struct Selectors {
        var labels: LabelSelector
        var fields: FieldSelector
    }

    static func selectors(
        _ definition: ResourceDefinition, query: QueryParameters, pathName: String?, simulator: Simulator
    ) throws(APIStatus) -> Selectors {
        let labels = try LabelSelector(parsing: query["labelSelector"] ?? "")
        var fields = try FieldSelector(parsing: query["fieldSelector"] ?? "")
        if definition.group == "events.k8s.io" {
            for index in fields.terms.indices { fields.terms[index].label = EventConversion.coreFieldLabel(fields.terms[index].label) }
        }
        fields = try fields.validated(against: simulator.store.selectableFields(definition.storageKey),
                                      isPods: definition.gvr == .pods)
        if let pathName {
            if let pinned = fields.pinnedName, pinned != pathName {
                throw APIStatus.badRequest("fieldSelector metadata.name doesn't match requested name")
            }
            if fields.pinnedName == nil { fields.terms.append(.init(label: "metadata.name", value: pathName, negated: false)) }
        }
        return Selectors(labels: labels, fields: fields)
    }

    /// `invalid resource version` (400) for a non-numeric RV; nil for "" and "0".
    static func resourceVersion(_ text: String?) throws(APIStatus) -> Int64? {
        guard let text, !text.isEmpty, text != "0" else { return nil }
        guard let value = UInt64(text), let signed = Int64(exactly: value) else {
            throw APIStatus.badRequest(
                "invalid resource version: resourceVersion: Invalid value: \"\(text)\": strconv.ParseUint: parsing \"\(text)\": invalid syntax")
        }
        return signed
    }

    static func invalid(_ field: String, _ message: String, reason: String = "FieldValueForbidden") -> APIStatus {
        APIStatus.invalid(kind: "ListOptions", group: "meta.k8s.io", name: "", causes: [
            .init(reason: reason, message: message, field: field),
        ])
    }

    /// Validation shared by list and watch.
    static func validateMatch(_ query: QueryParameters, isWatch: Bool) throws(APIStatus) {
        let match = query["resourceVersionMatch"] ?? ""
        let rv = query["resourceVersion"] ?? ""
        let sendInitialEvents = query.has("sendInitialEvents")
        if !isWatch, sendInitialEvents {
            throw invalid("sendInitialEvents", "Forbidden: sendInitialEvents is forbidden for list")
        }
        if isWatch, sendInitialEvents {
            if match != "NotOlderThan" {
                throw invalid("resourceVersionMatch",
                              "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")
            }
            return
        }
        guard !match.isEmpty else { return }
        if isWatch {
            throw invalid("resourceVersionMatch",
                          "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")
        }
        if rv.isEmpty {
            throw invalid("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")
        }
        if !(query["continue"] ?? "").isEmpty {
            throw invalid("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden when continue is provided")
        }
        if match != "Exact", match != "NotOlderThan" {
            throw invalid("resourceVersionMatch",
                          "Unsupported value: \"\(match)\": supported values: \"Exact\", \"NotOlderThan\"",
                          reason: "FieldValueNotSupported")
        }
        if match == "Exact", rv == "0" {
            throw invalid("resourceVersionMatch", "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"")
        }
    }
}
