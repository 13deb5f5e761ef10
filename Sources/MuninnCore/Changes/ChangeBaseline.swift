import KubeJSON

/// The last normalised manifest of one object that the change chain finished with: the next change of that
/// object is diffed against it, and at start-up every listed object is compared with its baseline.
public struct ChangeBaseline: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var uid: String?
    public var resourceVersion: String?
    public var manifest: JSONValue

    public init(namespace: String, name: String, uid: String?, resourceVersion: String?, manifest: JSONValue) {
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.manifest = manifest
    }
}
