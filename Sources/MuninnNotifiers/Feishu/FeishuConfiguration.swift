/// Settings of a Feishu (飞书) or Lark custom bot destination.
public struct FeishuConfiguration: Sendable {
    /// `https://open.feishu.cn/open-apis/bot/v2/hook/<token>` (Lark: `https://open.larksuite.com/...`); it is the credential.
    public var url: String
    /// The signature-verification secret (签名校验); when set, each body carries `timestamp` and `sign`.
    public var secret: String?
    /// Put in the card title, so that a bot's keyword setting (自定义关键词) matches.
    public var keyword: String?
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// Inline log tail: at most this many lines.
    public var logLines: Int
    /// Templates for the card title and text, instead of the built-in layout.
    public var templates = MessageTemplates()
    /// The whole body stays below Feishu's 20 KB.
    public var maximumBodyBytes: Int

    public init(
        url: String, secret: String? = nil, keyword: String? = nil, requestTimeout: Duration = .seconds(15), logLines: Int = 30,
        maximumBodyBytes: Int = 19_000
    ) {
        self.url = url
        self.secret = secret
        self.keyword = keyword
        self.requestTimeout = requestTimeout
        self.logLines = logLines
        self.maximumBodyBytes = maximumBodyBytes
    }
}
