import KubeJSON

/// One servable resource: what discovery advertises and how the store keeps its objects.
///
/// Built-in resources come from `ResourceRegistry.builtIn`; a CustomResourceDefinition adds one at
/// run time. Everything path- and discovery-related is derived from this table so the two never
/// disagree.
struct ResourceDefinition: Sendable, Hashable {
    public var group: String
    public var version: String
    /// Plural, lower case: the URL segment (`pods`).
    public var resource: String
    public var singular: String
    public var kind: String
    public var namespaced: Bool
    public var shortNames: [String]
    public var categories: [String]
    public var verbs: [String]
    /// Subresources served or at least advertised (`status`, `log`, `scale`).
    public var subresources: [String]
    public var storageVersionHash: String?
    /// Whether writes to `spec` bump `metadata.generation` (workloads and most spec-bearing kinds).
    public var tracksGeneration: Bool
    /// Set for the events.k8s.io/v1 view, which reads and writes the core/v1 Event storage.
    public var storedAs: GroupVersionResource?

    public init(
        group: String, version: String, resource: String, singular: String, kind: String,
        namespaced: Bool, shortNames: [String] = [], categories: [String] = [],
        verbs: [String] = ResourceDefinition.allVerbs, subresources: [String] = [],
        storageVersionHash: String? = nil, tracksGeneration: Bool = false, storedAs: GroupVersionResource? = nil
    ) {
        self.group = group
        self.version = version
        self.resource = resource
        self.singular = singular
        self.kind = kind
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.verbs = verbs
        self.subresources = subresources
        self.storageVersionHash = storageVersionHash
        self.tracksGeneration = tracksGeneration
        self.storedAs = storedAs
    }

    public static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    public var gvr: GroupVersionResource { GroupVersionResource(group: group, version: version, resource: resource) }
    /// The `apiVersion` value of objects of this resource.
    public var apiVersion: String { gvr.groupVersion }
    public var listKind: String { kind + "List" }
    /// `pods` or `deployments.apps`: how error messages name the resource.
    public var qualifiedResource: String { group.isEmpty ? resource : "\(resource).\(group)" }
    /// The storage this resource's objects live in (itself unless it is a converted view).
    var storageKey: StorageKey { StorageKey(storedAs ?? gvr) }
}
