/// Settings of a Discord webhook destination.
public struct DiscordConfiguration: Sendable {
    /// `https://discord.com/api/webhooks/<id>/<token>`; it is the credential and fixes the channel.
    public var url: String
    /// Shown as the sender instead of the webhook's own name.
    public var username: String?
    public var avatarURL: String?
    /// Post into this thread of the webhook's channel (`thread_id`), e.g. a forum post kept for alerts.
    public var threadID: String?
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// Inline log tail: at most this many lines.
    public var logLines: Int
    /// Templates for the embed title and description, instead of the built-in layout.
    public var templates = MessageTemplates()

    public init(
        url: String, username: String? = "Muninn", avatarURL: String? = nil, threadID: String? = nil, requestTimeout: Duration = .seconds(15),
        logLines: Int = 30
    ) {
        self.url = url
        self.username = username
        self.avatarURL = avatarURL
        self.threadID = threadID
        self.requestTimeout = requestTimeout
        self.logLines = logLines
    }
}
