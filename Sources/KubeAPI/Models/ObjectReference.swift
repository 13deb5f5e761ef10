/// A reference to another object, as in an Event's `involvedObject` (or `regarding`).
public struct ObjectReference: Codable, Hashable, Sendable {
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var apiVersion: String?
    public var resourceVersion: String?
    /// E.g. `spec.containers{app}`: which container of a pod the event is about.
    public var fieldPath: String?

    public init(
        kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil,
        apiVersion: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }

    private enum CodingKeys: String, CodingKey { case kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = container.lenient(.kind)
        namespace = container.lenient(.namespace)
        name = container.lenient(.name)
        uid = container.lenient(.uid)
        apiVersion = container.lenient(.apiVersion)
        resourceVersion = container.lenient(.resourceVersion)
        fieldPath = container.lenient(.fieldPath)
    }
}
