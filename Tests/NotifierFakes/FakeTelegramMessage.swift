import KubeJSON

/// A message the Telegram fake accepted.
public struct FakeTelegramMessage: Sendable {
    public var messageID: Int64
    public var chatID: String
    /// `text` as sent (HTML), and as Telegram shows it (tags gone, entities decoded).
    public var text: String
    public var visibleText: String
    public var parseMode: String?
    public var messageThreadID: Int64?
    /// The message this one replies to.
    public var replyTo: Int64?
    /// The tags the HTML used, in order (`b`, `pre`, ...).
    public var tags: [String]
    public var payload: JSONValue
}
