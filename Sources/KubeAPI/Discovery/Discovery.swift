import KubeJSON

/// What the server serves (legacy discovery: `/api`, `/api/v1`, `/apis`, and each group's preferred version),
/// and name resolution as kubectl does it: `deploy`, `sts`, `ing`, `cm`, `pods`, `pod`, `Pod`, a CRD's plural or
/// short name, or a group-qualified `deployments.apps` / `deployments.v1.apps`.
public struct Discovery: Sendable {
    /// All top-level resources, core group first, then groups in the server's (priority) order.
    public var resources: [APIResourceInfo]
    /// Group versions whose document could not be fetched (e.g. an unavailable aggregated API).
    public var failedGroupVersions: [String]

    public init(resources: [APIResourceInfo], failedGroupVersions: [String] = []) {
        self.resources = resources
        self.failedGroupVersions = failedGroupVersions
    }

    /// Resolves a kind, resource or short name; throws `.notFound` if the server has no such resource type.
    public func resolve(_ name: String) throws -> APIResourceInfo {
        let lowered = name.lowercased()
        if let dot = lowered.firstIndex(of: ".") {
            let base = String(lowered[..<dot])
            let qualifier = String(lowered[lowered.index(after: dot)...])
            if let match = resources.first(where: {
                $0.matches(base) && ($0.resource.group == qualifier || "\($0.resource.version).\($0.resource.group)" == qualifier)
            }) {
                return match
            }
        }
        if let match = resources.first(where: { $0.matches(lowered) }) { return match }
        throw KubeAPIError.notFound(Status(code: 404, reason: "NotFound", message: "the server doesn't have a resource type \"\(name)\""))
    }
}
