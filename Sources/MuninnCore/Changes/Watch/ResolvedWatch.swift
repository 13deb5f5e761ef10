import KubeAPI
import KubeJSON

/// A ``WatchedResource`` after discovery named it: the collection to list and watch, the kind its objects carry, and
/// the scope and diff policy from the configuration.
public struct ResolvedWatch: Sendable, Hashable {
    public var resource: GroupVersionResource
    /// `Deployment`, `ConfigMap`, a CRD's kind.
    public var kind: String
    /// Cluster-scoped resources (namespaces, CRDs, ...) ignore `namespaces`.
    public var namespaced: Bool
    /// Namespaces to watch, one reflector each; empty means all (one reflector).
    public var namespaces: [String]
    public var labelSelector: String?
    public var policy: DiffPolicy

    public init(
        resource: GroupVersionResource, kind: String, namespaced: Bool = true, namespaces: [String] = [], labelSelector: String? = nil,
        policy: DiffPolicy = DiffPolicy()
    ) {
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
        self.namespaces = namespaces
        self.labelSelector = labelSelector
        self.policy = policy
    }

    /// `watched` as discovery resolved it (`Discovery.resolve(watched.name)`).
    public init(_ info: APIResourceInfo, watched: WatchedResource) {
        self.init(
            resource: info.resource, kind: info.kind, namespaced: info.namespaced, namespaces: watched.namespaces,
            labelSelector: watched.labelSelector, policy: watched.policy)
    }

    /// The namespaces to run a reflector for: nil stands for all (or for a cluster-scoped resource).
    var scopes: [String?] {
        namespaced && !namespaces.isEmpty ? namespaces.map(Optional.some) : [nil]
    }
}
