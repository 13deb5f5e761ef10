/// Names a resource collection the way the API's URL paths do: `/api/v1/pods`, `/apis/apps/v1/deployments`.
public struct GroupVersionResource: Hashable, Sendable, CustomStringConvertible {
    /// Empty for the core group.
    public var group: String
    public var version: String
    /// The plural, lower-case resource name (`pods`, `deployments`).
    public var resource: String

    public init(group: String, version: String, resource: String) {
        self.group = group
        self.version = version
        self.resource = resource
    }

    /// `v1` for the core group, `apps/v1` otherwise: the value of `apiVersion` in objects.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public var description: String { group.isEmpty ? "\(version)/\(resource)" : "\(group)/\(version)/\(resource)" }

    public static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    public static let events = GroupVersionResource(group: "", version: "v1", resource: "events")
    public static let nodes = GroupVersionResource(group: "", version: "v1", resource: "nodes")
    public static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    public static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    public static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
    public static let services = GroupVersionResource(group: "", version: "v1", resource: "services")
    public static let deployments = GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
    public static let replicaSets = GroupVersionResource(group: "apps", version: "v1", resource: "replicasets")
    public static let statefulSets = GroupVersionResource(group: "apps", version: "v1", resource: "statefulsets")
    public static let daemonSets = GroupVersionResource(group: "apps", version: "v1", resource: "daemonsets")
    public static let jobs = GroupVersionResource(group: "batch", version: "v1", resource: "jobs")
    public static let cronJobs = GroupVersionResource(group: "batch", version: "v1", resource: "cronjobs")
    public static let ingresses = GroupVersionResource(group: "networking.k8s.io", version: "v1", resource: "ingresses")
    public static let leases = GroupVersionResource(group: "coordination.k8s.io", version: "v1", resource: "leases")
    public static let eventsV1 = GroupVersionResource(group: "events.k8s.io", version: "v1", resource: "events")
    public static let customResourceDefinitions = GroupVersionResource(
        group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")
}
