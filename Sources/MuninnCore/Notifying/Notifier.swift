import Logging

/// A destination that can deliver an alert: Slack, DingTalk, a webhook, the console, ...
///
/// `send` makes one attempt and reports how it went; retrying, pacing and ordering belong to the
/// delivery outbox, which decides from the error's classification.
public protocol Notifier: Sendable {
    /// The configured instance name, used in routing rules and metrics (`slack-ops`).
    var name: String { get }

    /// Delivers `alert` to `channel` (a Slack channel, ignored by destinations without channels).
    /// - Throws: ``NotifierError``.
    func send(_ alert: Alert, channel: String?, logger: Logger) async throws(NotifierError) -> DeliveryReceipt
}

/// What a destination answered, for the delivery record (and for threading later messages).
public struct DeliveryReceipt: Sendable, Equatable, Codable {
    /// The destination's id for the message (Slack `ts`), when it has one.
    public var messageID: String?
    /// The channel as the destination resolved it (Slack channel ID).
    public var channel: String?
    /// A short note for people (`log uploaded as file F123`, `logs inline: upload failed (...)`).
    public var note: String?

    public init(messageID: String? = nil, channel: String? = nil, note: String? = nil) {
        self.messageID = messageID
        self.channel = channel
        self.note = note
    }
}

/// How a delivery attempt failed, classified so the outbox knows whether to try again.
public enum NotifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Worth retrying: timeouts, connection errors, 5xx, rate limits (with the wait the destination asked for).
    case retryable(reason: String, retryAfter: Duration?)
    /// Retrying will not help: bad credentials, unknown channel, a payload the API rejects.
    case permanent(reason: String)

    public var description: String {
        switch self {
        case .retryable(let reason, let retryAfter):
            "temporary failure: \(reason)" + (retryAfter.map { " (retry after \($0))" } ?? "")
        case .permanent(let reason): "permanent failure: \(reason)"
        }
    }
}
