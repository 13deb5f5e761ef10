import Synchronization
import KubeJSON

/// A CustomResourceDefinition adds a resource for each served version, as the apiextensions
/// server does once the CRD is Established.
extension Simulator {
    func registerCustomResource(_ crd: JSONValue) throws(APIStatus) -> JSONValue {
        let name = crd[path: ["metadata", "name"]]?.stringValue ?? ""
        guard let group = crd[path: ["spec", "group"]]?.stringValue, !group.isEmpty,
              let plural = crd[path: ["spec", "names", "plural"]]?.stringValue, !plural.isEmpty,
              let kind = crd[path: ["spec", "names", "kind"]]?.stringValue, !kind.isEmpty
        else {
            throw APIStatus.invalid(kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: name, causes: [
                .init(reason: "FieldValueRequired", message: "Required value", field: "spec.group, spec.names.plural, spec.names.kind"),
            ])
        }
        guard name == "\(plural).\(group)" else {
            throw APIStatus.invalid(kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: name, causes: [
                .init(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group",
                      field: "metadata.name"),
            ])
        }
        let singular = crd[path: ["spec", "names", "singular"]]?.stringValue ?? kind.lowercased()
        let shortNames = crd[path: ["spec", "names", "shortNames"]]?.arrayValue?.compactMap(\.stringValue) ?? []
        let categories = crd[path: ["spec", "names", "categories"]]?.arrayValue?.compactMap(\.stringValue) ?? []
        let namespaced = crd[path: ["spec", "scope"]]?.stringValue != "Cluster"
        let versions = crd[path: ["spec", "versions"]]?.arrayValue ?? []
        registryBox.withLock { registry in
            for version in versions where version["served"]?.boolValue ?? true {
                guard let versionName = version["name"]?.stringValue else { continue }
                var subresources: [String] = []
                if version[path: ["subresources", "status"]] != nil { subresources.append("status") }
                if version[path: ["subresources", "scale"]] != nil { subresources.append("scale") }
                registry.register(ResourceDefinition(
                    group: group, version: versionName, resource: plural, singular: singular, kind: kind,
                    namespaced: namespaced, shortNames: shortNames, categories: categories,
                    subresources: subresources, tracksGeneration: true))
            }
        }
        var result = crd
        let now = JSONValue.string(KubeTime.rfc3339(configuration.now()))
        result["status"] = [
            "conditions": [
                ["type": "NamesAccepted", "status": "True", "lastTransitionTime": now, "reason": "NoConflicts",
                 "message": "no conflicts found"],
                ["type": "Established", "status": "True", "lastTransitionTime": now, "reason": "InitialNamesAccepted",
                 "message": "the initial names have been accepted"],
            ],
            "acceptedNames": crd[path: ["spec", "names"]] ?? .object(JSONObject()),
            "storedVersions": .array(versions.filter { $0["storage"]?.boolValue ?? false }.compactMap { $0["name"] }),
        ]
        return result
    }

    func unregisterCustomResource(_ crd: JSONValue) {
        guard let group = crd[path: ["spec", "group"]]?.stringValue,
              let plural = crd[path: ["spec", "names", "plural"]]?.stringValue else { return }
        registryBox.withLock { $0.unregister(group: group, resource: plural) }
    }
}
