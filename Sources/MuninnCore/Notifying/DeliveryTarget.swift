/// Where one delivery goes within a destination, as routing and the outbox decided it.
public struct DeliveryTarget: Sendable, Hashable {
    /// A channel of the destination (Slack `#alerts` or `C0123ABCD`); nil for the destination's
    /// default, and ignored by destinations without channels.
    public var channel: String?
    /// The id of an earlier message to reply under (a Slack parent `ts`): later crashes of the same
    /// container go into the first message's thread instead of a new top-level message. Always the
    /// parent's id, never a reply's (see ``DeliveryReceipt/threadID``).
    public var threadID: String?

    public init(channel: String? = nil, threadID: String? = nil) {
        self.channel = channel
        self.threadID = threadID
    }
}
