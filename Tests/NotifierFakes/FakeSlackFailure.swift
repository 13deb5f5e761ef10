/// An answer the Slack fake gives instead of accepting a chat.postMessage.
public enum FakeSlackFailure: Sendable {
    /// HTTP 429 with `Retry-After` and `{"ok":false,"error":"ratelimited"}`, as Slack throttles.
    case rateLimited(retryAfter: Int)
    /// HTTP 200 with `{"ok":false,"error":code}` (`rate_limited`, `internal_error`, `invalid_auth`, ...).
    case error(String)
    /// A bare HTTP status (503 from Slack's edge, 408 from a proxy).
    case status(Int)
}
