import KubeJSON

extension JSONValue: KubeObject {
    public var objectKey: ObjectKey {
        ObjectKey(namespace: self[path: ["metadata", "namespace"]]?.stringValue, name: self[path: ["metadata", "name"]]?.stringValue ?? "")
    }

    public var resourceVersion: String? { self[path: ["metadata", "resourceVersion"]]?.stringValue }

    public init(placeholderFor key: ObjectKey) {
        var metadata = JSONObject()
        metadata["name"] = .string(key.name)
        if !key.namespace.isEmpty { metadata["namespace"] = .string(key.namespace) }
        var object = JSONObject()
        object["metadata"] = .object(metadata)
        self = .object(object)
    }
}
