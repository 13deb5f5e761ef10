import KubeJSON

/// The object an Event is about (`involvedObject`).
public struct InvolvedObject: Sendable, Hashable {
    public var kind: String
    public var namespace: String?
    public var name: String
    public var uid: String
    public var apiVersion: String
    /// `spec.containers{name}` / `spec.initContainers{name}` for container events.
    public var fieldPath: String?

    public init(kind: String, namespace: String?, name: String, uid: String, apiVersion: String = "v1", fieldPath: String? = nil) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(kind))]
        if let namespace { members.append(("namespace", .string(namespace))) }
        members += [("name", .string(name)), ("uid", .string(uid)), ("apiVersion", .string(apiVersion))]
        if let fieldPath { members.append(("fieldPath", .string(fieldPath))) }
        return JSONBuilding.object(members)
    }
}
