/// Never the secret: services are described in logs (ServiceLifecycle prints each service it starts).
extension DashboardAuth: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        switch self {
        case .none: "none"
        case .bearerToken: "bearer token (hidden)"
        case .basic(let username, _): "basic auth for \(username) (password hidden)"
        }
    }

    public var debugDescription: String { description }
}
