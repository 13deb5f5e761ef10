/// What a destination answered, for the delivery record (and for threading later messages).
public struct DeliveryReceipt: Sendable, Hashable, Codable {
    /// The destination's id for the message (Slack `ts`; the webhook's `webhook-id`), when it has one.
    public var messageID: String?
    /// The channel as the destination resolved it (Slack channel ID).
    public var channel: String?
    /// The parent the message was posted under, when it is a thread reply. The parent for later
    /// replies is `threadID ?? messageID`: Slack wants the first message's `ts`, never a reply's.
    public var threadID: String?
    /// A short note for people (`log uploaded as file F123`, `logs inline only: upload failed (...)`).
    public var note: String?

    public init(messageID: String? = nil, channel: String? = nil, threadID: String? = nil, note: String? = nil) {
        self.messageID = messageID
        self.channel = channel
        self.threadID = threadID
        self.note = note
    }

    /// The id later messages of the same conversation reply under: the parent of this message, or
    /// this message when it started the conversation.
    public var threadParentID: String? { threadID ?? messageID }
}
