import KubeJSON

/// A message the Google Chat fake accepted.
public struct FakeGoogleChatMessage: Sendable {
    public var space: String
    /// `spaces/<space>/messages/<id>`.
    public var name: String
    /// `spaces/<space>/threads/<id>`, and the key it was created or found under.
    public var thread: String
    public var threadKey: String?
    /// Whether it went into an existing thread.
    public var isReply: Bool
    public var payload: JSONValue
    /// Every card text as the user reads it (tags removed, entities decoded).
    public var visibleTexts: [String]
}
