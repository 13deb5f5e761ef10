import KubeJSON

/// A message the Feishu fake accepted.
public struct FakeFeishuMessage: Sendable {
    public var token: String
    public var body: JSONValue
    public var timestamp: String?
    public var sign: String?
    /// Every text the bot shows (`plain_text`/`lark_md` contents, titles), in order.
    public var texts: [String]
    /// Contents of `lark_md` elements, where cluster strings must not go unescaped.
    public var markdownTexts: [String]
}
