/// The security settings of one Feishu custom bot, each enforced independently.
public struct FakeFeishuBot: Sendable {
    /// 签名校验: bodies must carry `timestamp` (seconds, within an hour) and the matching `sign`.
    public var secret: String?
    /// 自定义关键词: some text of the message must contain one.
    public var keywords: [String]

    public init(secret: String? = nil, keywords: [String] = []) {
        self.secret = secret
        self.keywords = keywords
    }
}
