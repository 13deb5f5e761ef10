/// One resource the change watch follows, as configured: a kind, plural, short name or
/// `group/version/resource` (resolved through discovery at start; unknown names are a config error).
public struct WatchedResource: Sendable, Hashable {
    /// As written in the configuration (`deployment`, `deploy`, `ingresses.networking.k8s.io`, `apps/v1/deployments`).
    public var name: String
    /// Namespaces to watch; empty means all.
    public var namespaces: [String]
    public var labelSelector: String?
    public var policy: DiffPolicy

    public init(name: String, namespaces: [String] = [], labelSelector: String? = nil, policy: DiffPolicy = DiffPolicy()) {
        self.name = name
        self.namespaces = namespaces
        self.labelSelector = labelSelector
        self.policy = policy
    }
}
