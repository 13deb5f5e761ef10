import KubeAPI

/// A configured resource with the API resource it names on this server.
public struct ResolvedWatch: Sendable, Hashable {
    /// As configured; for Secrets the policy hides data (``DiffPolicy/hidesData``) whatever the configuration says.
    public var watched: WatchedResource
    /// The group, version and plural to list and watch, the kind, and whether it is namespaced.
    public var info: APIResourceInfo

    public init(watched: WatchedResource, info: APIResourceInfo) {
        self.watched = watched
        self.info = info
    }
}
