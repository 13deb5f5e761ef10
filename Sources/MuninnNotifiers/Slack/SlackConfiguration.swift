/// Settings of a Slack Web API destination (bot token).
public struct SlackConfiguration: Sendable {
    /// The bot token, `xoxb-...`. Scopes: `chat:write` (and `chat:write.public` to post in public
    /// channels without joining), `channels:read`/`groups:read` for names, `files:write` for uploads.
    public var token: String
    /// The Web API base URL (`SLACK_API_URL`), without a trailing slash.
    public var apiURL: String
    /// Where alerts go when routing names no channel (`SLACK_CHANNEL`): a name or an ID.
    public var defaultChannel: String?
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// Upload the whole log as a file in the message's thread.
    public var uploadLogs: Bool
    /// Inline log tail: at most this many lines and characters (johari-mirror: 20 and 2,800).
    public var inlineLogLines: Int
    public var inlineLogCharacters: Int
    /// Templates for the header and notification text (title) and the body (text), instead of the built-in layout.
    public var templates = MessageTemplates()

    public init(
        token: String, apiURL: String = "https://slack.com/api", defaultChannel: String? = nil,
        requestTimeout: Duration = .seconds(15), uploadLogs: Bool = true, inlineLogLines: Int = 20, inlineLogCharacters: Int = 2_800
    ) {
        self.token = token
        var url = apiURL
        while url.hasSuffix("/") { url.removeLast() }
        self.apiURL = url
        self.defaultChannel = defaultChannel
        self.requestTimeout = requestTimeout
        self.uploadLogs = uploadLogs
        self.inlineLogLines = inlineLogLines
        self.inlineLogCharacters = min(inlineLogCharacters, SlackLimits.sectionText - 200)
    }
}
