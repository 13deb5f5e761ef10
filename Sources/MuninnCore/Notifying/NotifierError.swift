/// How a delivery attempt failed, classified so the outbox knows whether to try again.
public enum NotifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Worth retrying: timeouts, connection errors, 5xx, rate limits (with the wait the destination asked for).
    case retryable(reason: String, retryAfter: Duration?)
    /// Retrying will not help: bad credentials, unknown channel, a payload the API rejects.
    case permanent(reason: String)

    /// Whether the outbox should try again.
    public var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }

    /// The wait the destination asked for (`Retry-After`, DingTalk's minute window), if any.
    public var retryAfter: Duration? {
        if case .retryable(_, let retryAfter) = self { return retryAfter }
        return nil
    }

    public var description: String {
        switch self {
        case .retryable(let reason, let retryAfter):
            "temporary failure: \(reason)" + (retryAfter.map { " (retry after \($0))" } ?? "")
        case .permanent(let reason): "permanent failure: \(reason)"
        }
    }
}
