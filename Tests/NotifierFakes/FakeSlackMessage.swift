import KubeJSON

/// A chat.postMessage the Slack fake accepted.
public struct FakeSlackMessage: Sendable {
    /// The channel ID it was posted to.
    public var channel: String
    public var ts: String
    /// The parent's `ts` for a thread reply; nil for a top-level message.
    public var threadTS: String?
    /// `text` as Slack stored it (cut at 40,000 characters).
    public var text: String?
    public var blocks: [JSONValue]
    /// The whole request body.
    public var body: JSONValue
    /// Slack silently cuts `text` over 40,000 characters; this records that it happened.
    public var textTruncated: Bool

    public var isReply: Bool { threadTS != nil }
}
