/// Settings of a Telegram destination: a bot (from @BotFather) posting with sendMessage to one chat.
public struct TelegramConfiguration: Sendable {
    /// The bot token, `123456789:AA...`; it is part of the request path and never logged.
    public var token: String
    /// The chat: a numeric id (`-1001234567890` for groups and channels) or `@channelusername`.
    public var chatID: String
    /// The topic of a forum supergroup to post in.
    public var messageThreadID: Int64?
    /// The Bot API server (`https://api.telegram.org`, or a local Bot API server).
    public var apiURL: String
    /// Send silently (no sound on phones).
    public var disableNotification: Bool
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// Inline log tail: at most this many lines.
    public var logLines: Int
    /// A template for the message text (HTML parse mode), instead of the built-in layout.
    public var templates = MessageTemplates()
    /// A private CA for a local Bot API server behind an internal CA, or no verification (the system's roots by default).
    public var tls = TLSOptions()

    public init(
        token: String, chatID: String, messageThreadID: Int64? = nil, apiURL: String = "https://api.telegram.org", disableNotification: Bool = false,
        requestTimeout: Duration = .seconds(15), logLines: Int = 30
    ) {
        self.token = token
        self.chatID = chatID
        self.messageThreadID = messageThreadID
        self.apiURL = apiURL
        self.disableNotification = disableNotification
        self.requestTimeout = requestTimeout
        self.logLines = logLines
    }
}
