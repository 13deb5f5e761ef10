import KubeAPI
import KubeJSON

extension InformerEvent where Object == JSONValue {
    /// The event with `apiVersion` and `kind` filled in where the object lacks them: list items come without them
    /// (the list carries them once), watch events with them, and a baseline taken from the list must compare equal
    /// to the same object seen later on the watch.
    func typed(apiVersion: String, kind: String) -> InformerEvent<JSONValue> {
        func typed(_ object: JSONValue) -> JSONValue {
            guard case .object = object else { return object }
            var object = object
            if object["apiVersion"]?.stringValue == nil { object[path: ["apiVersion"]] = .string(apiVersion) }
            if object["kind"]?.stringValue == nil { object[path: ["kind"]] = .string(kind) }
            return object
        }
        switch self {
        case .added(let object): return .added(typed(object))
        case .modified(let object): return .modified(typed(object))
        case .deleted(let object): return .deleted(typed(object))
        case .synced: return .synced
        }
    }
}
