import KubeJSON

/// Legacy (unaggregated) discovery documents generated from the resource registry, in the shapes
/// of the real discovery documents in Tests/KubeAPITests/Fixtures/discovery (PROTOCOL.md §13.1).
enum DiscoveryDocuments {
    static func coreVersions(serverAddress: String) -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]]]
    }

    static func groupList(_ registry: ResourceRegistry) -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(registry.groups.map { group($0.name, $0.versions, typed: false) })]
    }

    static func group(_ name: String, _ versions: [String], typed: Bool) -> JSONValue {
        var object = JSONObject()
        if typed {
            object["kind"] = "APIGroup"
            object["apiVersion"] = "v1"
        }
        object["name"] = .string(name)
        object["versions"] = .array(versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] })
        if let preferred = versions.first {
            object["preferredVersion"] = ["groupVersion": .string("\(name)/\(preferred)"), "version": .string(preferred)]
        }
        return .object(object)
    }

    static func resourceList(_ registry: ResourceRegistry, group: String, version: String) -> JSONValue {
        var entries: [(String, JSONValue)] = []
        for definition in registry.definitions(group: group, version: version) {
            entries.append((definition.resource, resourceEntry(definition)))
            for subresource in definition.subresources {
                entries.append(("\(definition.resource)/\(subresource)", subresourceEntry(definition, subresource)))
            }
        }
        entries.sort { $0.0 < $1.0 }
        var object = JSONObject([("kind", "APIResourceList")])
        if !group.isEmpty { object["apiVersion"] = "v1" }
        object["groupVersion"] = .string(group.isEmpty ? version : "\(group)/\(version)")
        object["resources"] = .array(entries.map(\.1))
        return .object(object)
    }

    private static func resourceEntry(_ definition: ResourceDefinition) -> JSONValue {
        var entry = JSONObject([
            ("name", .string(definition.resource)), ("singularName", .string(definition.singular)),
            ("namespaced", .bool(definition.namespaced)), ("kind", .string(definition.kind)),
            ("verbs", .array(definition.verbs.map(JSONValue.string))),
        ])
        if !definition.shortNames.isEmpty { entry["shortNames"] = .array(definition.shortNames.map(JSONValue.string)) }
        if !definition.categories.isEmpty { entry["categories"] = .array(definition.categories.map(JSONValue.string)) }
        if let hash = definition.storageVersionHash { entry["storageVersionHash"] = .string(hash) }
        return .object(entry)
    }

    private static func subresourceEntry(_ definition: ResourceDefinition, _ subresource: String) -> JSONValue {
        var entry = JSONObject([
            ("name", .string("\(definition.resource)/\(subresource)")), ("singularName", ""),
            ("namespaced", .bool(definition.namespaced)),
        ])
        switch subresource {
        case "scale":
            entry["group"] = "autoscaling"
            entry["version"] = "v1"
            entry["kind"] = "Scale"
            entry["verbs"] = ["get", "patch", "update"]
        case "log":
            entry["kind"] = .string(definition.kind)
            entry["verbs"] = ["get"]
        case "finalize":
            entry["kind"] = .string(definition.kind)
            entry["verbs"] = ["update"]
        default:
            entry["kind"] = .string(definition.kind)
            entry["verbs"] = ["get", "patch", "update"]
        }
        return .object(entry)
    }

    static func version(_ gitVersion: String) -> JSONValue {
        let trimmed = gitVersion.hasPrefix("v") ? String(gitVersion.dropFirst()) : gitVersion
        let parts = trimmed.split(separator: ".").map(String.init)
        let major = parts.first ?? "1"
        let minor = parts.count > 1 ? parts[1] : "0"
        return [
            "major": .string(major), "minor": .string(minor), "emulationMajor": .string(major), "emulationMinor": .string(minor),
            "minCompatibilityMajor": .string(major), "minCompatibilityMinor": .string(String(max(0, (Int(minor) ?? 1) - 1))),
            "gitVersion": .string(gitVersion), "gitCommit": "0000000000000000000000000000000000000000",
            "gitTreeState": "clean", "buildDate": "2025-01-01T00:00:00Z", "goVersion": "go1.23.6", "compiler": "gc",
            "platform": "linux/amd64",
        ]
    }
}
