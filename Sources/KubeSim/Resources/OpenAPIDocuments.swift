import KubeJSON

/// Minimal OpenAPI v3 documents: the `/openapi/v3` index and, per group-version, one PATCH
/// operation per kind that declares the `fieldValidation` query parameter. That is what
/// kubectl (1.27+) looks for before `apply`/`create`: with it, kubectl relies on server-side
/// field validation instead of downloading full schemas for client-side validation.
enum OpenAPIDocuments {
    static func index(_ registry: ResourceRegistry) -> JSONValue {
        var paths = JSONObject()
        for (group, version) in groupVersions(registry) {
            let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash(registry, group: group, version: version))")]
        }
        return ["paths": .object(paths)]
    }

    static func groupVersion(_ registry: ResourceRegistry, group: String, version: String) -> JSONValue {
        var paths = JSONObject()
        for definition in registry.definitions(group: group, version: version) {
            let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
            let path = definition.namespaced
                ? "\(prefix)/namespaces/{namespace}/\(definition.resource)/{name}" : "\(prefix)/\(definition.resource)/{name}"
            let patch: JSONValue = [
                "description": .string("partially update the specified \(definition.kind)"),
                "operationId": .string("patch\(definition.kind)"),
                "parameters": [
                    ["name": "dryRun", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                    ["name": "fieldManager", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                    ["name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                    ["name": "force", "in": "query", "schema": ["type": "boolean", "uniqueItems": true]],
                ],
                "responses": ["200": ["description": "OK"]],
                "x-kubernetes-action": "patch",
                "x-kubernetes-group-version-kind": ["group": .string(group), "kind": .string(definition.kind), "version": .string(version)],
            ]
            paths[path] = ["patch": patch]
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "unversioned"],
            "paths": .object(paths), "components": ["schemas": [:]],
        ]
    }

    private static func groupVersions(_ registry: ResourceRegistry) -> [(String, String)] {
        var result: [(String, String)] = []
        for definition in registry.definitions where !result.contains(where: { $0 == (definition.group, definition.version) }) {
            result.append((definition.group, definition.version))
        }
        return result
    }

    /// Changes whenever the group-version's resources change, so kubectl's cache refreshes.
    private static func hash(_ registry: ResourceRegistry, group: String, version: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for definition in registry.definitions(group: group, version: version) {
            for byte in "\(definition.resource)/\(definition.kind)/\(definition.namespaced);".utf8 {
                value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return String(value, radix: 16, uppercase: true)
    }
}
