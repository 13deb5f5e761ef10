import KubeJSON

/// A webhook post the Mattermost fake accepted.
public struct FakeMattermostPost: Sendable {
    public var hook: String
    public var payload: JSONValue
    /// The channel it went to (the hook's own unless overridden).
    public var channel: String
    /// How many posts the server made of it (text over 16,383 characters is split).
    public var posts: Int

    /// The first attachment's text.
    public var attachmentText: String? { payload["attachments"]?[0]?["text"]?.stringValue }
}
