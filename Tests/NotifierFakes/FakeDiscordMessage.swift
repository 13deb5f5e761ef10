import KubeJSON

/// A message the Discord fake accepted.
public struct FakeDiscordMessage: Sendable {
    public var id: String
    public var payload: JSONValue
    /// `thread_id` of the request, if any.
    public var threadID: String?
    /// Whether the request asked for `wait=true` (and so got the message back).
    public var waited: Bool

    public var embed: JSONValue? { payload["embeds"]?[0] }
}
