import KubeJSON

/// A request the Teams fake answered 202, and what the flow made of it.
public struct FakeTeamsDelivery: Sendable {
    public var workflow: String
    /// The Adaptive Card (`attachments[0].content`).
    public var card: JSONValue
    public var bodyBytes: Int
    /// Why the flow run failed after the 202 (oversize, an action that needs a bot), or nil when the card was posted.
    public var flowFailure: String?

    /// Every `TextRun` text, `CodeBlock` snippet and markdown text of the card, in order.
    public var texts: [String] { FakeTeams.texts(in: card) }
    /// Texts Teams renders as markdown (`TextBlock.text`, `FactSet` values): where cluster strings must not go unescaped.
    public var markdownTexts: [String] { FakeTeams.markdownTexts(in: card) }
}
