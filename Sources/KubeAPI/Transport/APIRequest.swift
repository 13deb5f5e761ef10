import NIOHTTP1

/// One request to the API server, before authentication and URL building.
struct APIRequest: Sendable {
    var method: HTTPMethod = .GET
    /// Absolute API path such as `/api/v1/namespaces/default/pods`.
    var path: String
    var query: [(String, String)] = []
    var body: [UInt8]?
    var contentType: String?
    /// JSON everywhere; pods/log adds `*/*` for its text/plain body.
    var accept = "application/json"
    /// A 400 then means "no logs" (`KubeAPIError.logsUnavailable`).
    var isLogRequest = false
}
