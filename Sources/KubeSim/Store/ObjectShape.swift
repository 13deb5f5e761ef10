import KubeJSON

/// Puts keys in the order the real server's Go structs serialise them, so stored objects look
/// like the apiserver's output whatever order a writer used.
enum ObjectShape {
    private static let metadataOrder = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ]
    private static let topOrder = ["kind", "apiVersion", "metadata"]

    static func normalized(_ object: JSONValue) -> JSONValue {
        guard var top = object.objectValue else { return object }
        if let metadata = top["metadata"]?.objectValue {
            top["metadata"] = .object(reordered(metadata, metadataOrder))
        }
        return .object(reordered(top, topOrder))
    }

    private static func reordered(_ object: JSONObject, _ order: [String]) -> JSONObject {
        var result = JSONObject()
        for key in order { if let value = object[key] { result[key] = value } }
        for (key, value) in object where !order.contains(key) { result[key] = value }
        return result
    }
}
