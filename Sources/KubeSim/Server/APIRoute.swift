/// What a request path addresses (PROTOCOL.md §1.1).
enum APIRoute: Equatable, Sendable {
    case version
    case health(String)
    case coreGroupList          // /api
    case groupList              // /apis
    case group(String)          // /apis/<g>
    case resourceList(group: String, version: String)  // /api/v1, /apis/<g>/<v>
    case resource(ResourcePath)
    /// `/openapi/v3` and `/openapi/v3/api/v1`, `/openapi/v3/apis/<g>/<v>`.
    case openAPIIndex
    /// `/openapi/v2` (or the legacy `/swagger-2.0.0.pb-v1`).
    case openAPIV2
    case openAPI(group: String, version: String)
    case notFound

    struct ResourcePath: Equatable, Sendable {
        var group: String
        var version: String
        var namespace: String?
        var resource: String
        var name: String?
        var subresource: String?
        /// The deprecated `/watch/` path prefix was used.
        var watchPrefix: Bool
    }

    init(path: String) {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch segments.first ?? "" {
        case "version" where segments.count == 1: self = .version
        case "healthz", "livez", "readyz": self = .health(segments[0])
        case "openapi" where segments.count == 2 && segments[1] == "v2": self = .openAPIV2
        case "swagger-2.0.0.pb-v1" where segments.count == 1: self = .openAPIV2
        case "openapi" where segments.count >= 2 && segments[1] == "v3":
            let rest = Array(segments.dropFirst(2))
            if rest.isEmpty {
                self = .openAPIIndex
            } else if rest.count == 2, rest[0] == "api" {
                self = .openAPI(group: "", version: rest[1])
            } else if rest.count == 3, rest[0] == "apis" {
                self = .openAPI(group: rest[1], version: rest[2])
            } else {
                self = .notFound
            }
        case "api":
            if segments.count == 1 { self = .coreGroupList; return }
            guard segments[1] == "v1" else { self = .notFound; return }
            if segments.count == 2 { self = .resourceList(group: "", version: "v1"); return }
            segments.removeFirst(2)
            self = Self.resource(group: "", version: "v1", rest: segments)
        case "apis":
            switch segments.count {
            case 1: self = .groupList
            case 2: self = .group(segments[1])
            case 3: self = .resourceList(group: segments[1], version: segments[2])
            default:
                let (group, version) = (segments[1], segments[2])
                segments.removeFirst(3)
                self = Self.resource(group: group, version: version, rest: segments)
            }
        default:
            self = .notFound
        }
    }

    private static func resource(group: String, version: String, rest: [String]) -> APIRoute {
        var rest = rest
        var watchPrefix = false
        if rest.first == "watch" {
            watchPrefix = true
            rest.removeFirst()
        }
        var path = ResourcePath(group: group, version: version, namespace: nil, resource: "", name: nil, subresource: nil,
                                watchPrefix: watchPrefix)
        if rest.first == "namespaces", rest.count >= 3, !(rest.count == 3 && ["status", "finalize"].contains(rest[2])) {
            path.namespace = rest[1]
            rest.removeFirst(2)
        }
        guard let resource = rest.first, rest.count <= 3 else { return .notFound }
        path.resource = resource
        if rest.count >= 2 { path.name = rest[1] }
        if rest.count == 3 { path.subresource = rest[2] }
        return .resource(path)
    }
}
