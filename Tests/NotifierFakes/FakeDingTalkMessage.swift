import KubeJSON

/// A message the DingTalk fake accepted.
public struct FakeDingTalkMessage: Sendable {
    public var token: String
    public var body: JSONValue
    /// `timestamp` and `sign` as the server decoded them from the query.
    public var timestamp: String?
    public var sign: String?
    /// Each mentioned mobile or user ID, and whether the text carries `@` + it (needed to render).
    public var mentionsInText: [String: Bool]

    /// The markdown text, for markdown messages.
    public var markdownText: String? { body[path: ["markdown", "text"]]?.stringValue }
}
