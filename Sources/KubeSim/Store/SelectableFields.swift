import KubeJSON

/// The field labels a resource supports in `fieldSelector`, and how to read them from an object
/// (kubernetes/kubernetes pkg/registry/*/strategy.go `ToSelectableFields`, PROTOCOL.md §5.3).
struct SelectableFields: Sendable {
    /// Labels beyond metadata.name/metadata.namespace, mapped to their JSON path.
    let extra: [(label: String, path: [String])]
    /// Whether the resource registers its own field-label conversion; decides the error text.
    let hasCustomConversion: Bool

    static func forResource(group: String, resource: String) -> SelectableFields {
        switch (group, resource) {
        case ("", "pods"):
            return SelectableFields(extra: [
                ("spec.nodeName", ["spec", "nodeName"]), ("spec.restartPolicy", ["spec", "restartPolicy"]),
                ("spec.schedulerName", ["spec", "schedulerName"]),
                ("spec.serviceAccountName", ["spec", "serviceAccountName"]),
                ("spec.hostNetwork", ["spec", "hostNetwork"]), ("status.phase", ["status", "phase"]),
                ("status.podIP", ["status", "podIP"]), ("status.nominatedNodeName", ["status", "nominatedNodeName"]),
            ], hasCustomConversion: true)
        case ("", "events"):
            var extra: [(label: String, path: [String])] = [
                "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath",
            ].map { ("involvedObject.\($0)", ["involvedObject", $0]) }
            extra += [("reason", ["reason"]), ("reportingComponent", ["reportingComponent"]),
                      ("source", ["source", "component"]), ("type", ["type"])]
            return SelectableFields(extra: extra, hasCustomConversion: true)
        case ("", "namespaces"):
            return SelectableFields(extra: [("status.phase", ["status", "phase"])], hasCustomConversion: true)
        case ("", "secrets"):
            return SelectableFields(extra: [("type", ["type"])], hasCustomConversion: true)
        case ("", "services"):
            return SelectableFields(extra: [("spec.clusterIP", ["spec", "clusterIP"]), ("spec.type", ["spec", "type"])],
                                    hasCustomConversion: true)
        case ("", "nodes"):
            return SelectableFields(extra: [("spec.unschedulable", ["spec", "unschedulable"])], hasCustomConversion: true)
        default:
            return SelectableFields(extra: [], hasCustomConversion: false)
        }
    }

    func supports(_ label: String) -> Bool {
        label == "metadata.name" || label == "metadata.namespace" || extra.contains { $0.label == label }
    }

    func fields(of object: JSONValue, key: ObjectKey) -> [String: String] {
        var result = ["metadata.name": key.name, "metadata.namespace": key.namespace]
        for (label, path) in extra {
            switch object[path: path] {
            case .string(let s)?: result[label] = s
            case .bool(let b)?: result[label] = b ? "true" : "false"
            case .int(let i)?: result[label] = String(i)
            default:
                // Unset booleans select as "false" and unset strings as "", as the typed server sees them.
                result[label] = label == "spec.hostNetwork" || label == "spec.unschedulable" ? "false" : ""
            }
        }
        return result
    }

    /// The 400 message for an unsupported label.
    func unsupportedMessage(_ label: String) -> String {
        hasCustomConversion
            ? "field label not supported: \(label)"
            : "\"\(label)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
    }
}
