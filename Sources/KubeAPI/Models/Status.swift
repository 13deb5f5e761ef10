/// The API's error object (`kind: Status`), parsed from error responses and watch ERROR events,
/// or synthesised from a non-JSON error body as client-go does.
public struct Status: Codable, Hashable, Sendable {
    public var kind: String? = "Status"
    public var apiVersion: String? = "v1"
    /// "Success" or "Failure".
    public var status: String?
    public var message: String?
    /// Machine-readable reason: NotFound, Conflict, Expired, Gone, TooManyRequests, …
    public var reason: String?
    public var details: Details?
    /// The HTTP status code.
    public var code: Int?
    public var metadata: ListMetadata?

    /// Extra data about the failure.
    public struct Details: Codable, Hashable, Sendable {
        public var name: String?
        public var group: String?
        /// The *resource* (e.g. `pods`), not the Kind.
        public var kind: String?
        public var uid: String?
        public var causes: [Cause]?
        public var retryAfterSeconds: Int?
    }

    /// One cause of a failure (e.g. one invalid field).
    public struct Cause: Codable, Hashable, Sendable {
        public var reason: String?
        public var message: String?
        public var field: String?
    }

    public init(code: Int, reason: String?, message: String?, retryAfterSeconds: Int? = nil) {
        self.status = "Failure"
        self.code = code
        self.reason = reason
        self.message = message
        if let retryAfterSeconds { details = Details(retryAfterSeconds: retryAfterSeconds) }
    }

    /// True for 410 (reason Expired, or Gone from servers before 1.18).
    public var isExpired: Bool { code == 410 || reason == "Expired" || reason == "Gone" }
}
