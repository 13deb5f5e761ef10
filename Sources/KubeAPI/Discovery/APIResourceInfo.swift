import KubeJSON

/// One resource the server serves, from discovery.
public struct APIResourceInfo: Sendable, Hashable {
    public var resource: GroupVersionResource
    public var kind: String
    public var namespaced: Bool
    public var singularName: String
    public var shortNames: [String]
    public var verbs: [String]

    public init(resource: GroupVersionResource, kind: String, namespaced: Bool, singularName: String = "", shortNames: [String] = [], verbs: [String] = []) {
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
        self.singularName = singularName
        self.shortNames = shortNames
        self.verbs = verbs
    }

    /// Whether `name` (lowercased) is this resource's plural, singular, short name or kind.
    func matches(_ name: String) -> Bool {
        resource.resource == name || singularName == name || shortNames.contains(name) || kind.lowercased() == name
    }
}
