/// Every error `KubeAPI` throws. Cases for HTTP failures carry the server's `Status` (or one synthesised
/// from a non-JSON body, whose `code` is the HTTP status). `description` never contains credentials.
public enum KubeAPIError: Error, Sendable, CustomStringConvertible {
    /// 400, except for pods/log.
    case badRequest(Status)
    /// 401: the credentials were rejected (after one refresh of a token file or exec plugin).
    case unauthorized(Status)
    /// 403: authenticated but not allowed (RBAC).
    case forbidden(Status)
    case notFound(Status)
    /// 409 Conflict: an update carried a stale resourceVersion.
    case conflict(Status)
    /// 409 AlreadyExists: a create of an existing name.
    case alreadyExists(Status)
    /// 410 (reason Expired, or Gone from old servers): a resourceVersion or continue token is too old.
    case expired(Status)
    /// 422: validation failed.
    case invalid(Status)
    /// 429, with the server's Retry-After if it sent one.
    case tooManyRequests(Status, retryAfter: Duration?)
    /// 5xx, with the server's Retry-After if it sent one.
    case serverError(Status, retryAfter: Duration?)
    /// Any other non-2xx status.
    case unexpectedStatus(Status)
    /// A 400 from pods/log: the kubelet (or apiserver) says there are no such logs, e.g.
    /// `previous terminated container "c" in pod "p" not found`.
    case logsUnavailable(message: String)
    /// The connection failed or broke (refused, reset, TLS, timeout, stream cut mid-event).
    case transport(String)
    /// A response body could not be decoded; `what` says what was being decoded.
    case decoding(what: String, message: String)
    /// A watch stream line exceeded the maximum line length.
    case lineTooLong(limit: Int)
    /// Configuration is broken; `file` and `field` say where (e.g. `users[0].user.client-key-data`).
    case configuration(file: String?, field: String?, message: String)
    /// Credentials could not be obtained (token file unreadable, exec plugin failed).
    case credentials(String)

    /// The Status carried by an HTTP failure.
    public var status: Status? {
        switch self {
        case .badRequest(let s), .unauthorized(let s), .forbidden(let s), .notFound(let s), .conflict(let s),
            .alreadyExists(let s), .expired(let s), .invalid(let s), .unexpectedStatus(let s):
            s
        case .tooManyRequests(let s, _), .serverError(let s, _):
            s
        default:
            nil
        }
    }

    /// The HTTP status code, for failures that have one.
    public var httpStatus: Int? { status?.code }

    /// A bounded, low-cardinality label for metrics and the `error.type` log key.
    public var code: String {
        switch self {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .alreadyExists: "already_exists"
        case .expired: "expired"
        case .invalid: "invalid"
        case .tooManyRequests: "too_many_requests"
        case .serverError: "server_error"
        case .unexpectedStatus: "unexpected_status"
        case .logsUnavailable: "logs_unavailable"
        case .transport: "transport"
        case .decoding: "decoding"
        case .lineTooLong: "line_too_long"
        case .configuration: "configuration"
        case .credentials: "credentials"
        }
    }

    public var description: String {
        switch self {
        case .logsUnavailable(let message):
            return "logs unavailable: \(message)"
        case .transport(let message):
            return "connection to the API server failed: \(message)"
        case .decoding(let what, let message):
            return "could not decode \(what): \(message)"
        case .lineTooLong(let limit):
            return "watch stream line longer than \(limit) bytes"
        case .configuration(let file, let field, let message):
            let location = [file.map { "kubeconfig \($0)" }, field].compactMap { $0 }.joined(separator: ": ")
            return location.isEmpty ? message : "\(location): \(message)"
        case .credentials(let message):
            return "could not obtain credentials: \(message)"
        default:
            let status = self.status
            let code = status?.code.map(String.init) ?? "?"
            let reason = status?.reason ?? "Unknown"
            return "API server answered \(code) \(reason): \(status?.message ?? "")"
        }
    }
}
