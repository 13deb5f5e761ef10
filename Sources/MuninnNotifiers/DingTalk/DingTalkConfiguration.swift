/// Settings of a DingTalk custom robot destination.
public struct DingTalkConfiguration: Sendable {
    /// The robot's access_token, or the whole webhook URL (kube-dingtalk's `DINGTALK_TOKEN`).
    public var token: String
    /// The 加签 secret (`SEC...`); when set, every request is signed.
    public var secret: String?
    /// The send endpoint used with a bare token.
    public var apiURL: String
    /// Mobile numbers to @mention, and whether to @mention everyone.
    public var atMobiles: [String]
    public var atUserIDs: [String]
    public var isAtAll: Bool
    /// Text put in the title and heading, so a robot's keyword security setting matches
    /// ("Kubernetes" works with kube-dingtalk's robots).
    public var keyword: String
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// Inline log tail: at most this many lines.
    public var logLines: Int
    /// Templates for the markdown title and text, instead of the built-in layout.
    public var templates = MessageTemplates()
    /// The whole body must stay below DingTalk's 20,000 bytes.
    public var maximumBodyBytes: Int

    public init(
        token: String, secret: String? = nil, apiURL: String = "https://oapi.dingtalk.com/robot/send", atMobiles: [String] = [],
        atUserIDs: [String] = [], isAtAll: Bool = false, keyword: String = "Kubernetes", requestTimeout: Duration = .seconds(15),
        logLines: Int = 20, maximumBodyBytes: Int = 20_000
    ) {
        self.token = token
        self.secret = secret
        self.apiURL = apiURL
        self.atMobiles = atMobiles
        self.atUserIDs = atUserIDs
        self.isAtAll = isAtAll
        self.keyword = keyword
        self.requestTimeout = requestTimeout
        self.logLines = logLines
        self.maximumBodyBytes = maximumBodyBytes
    }
}
