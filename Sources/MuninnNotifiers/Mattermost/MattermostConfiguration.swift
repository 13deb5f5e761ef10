/// Settings of a Mattermost incoming webhook destination.
public struct MattermostConfiguration: Sendable {
    /// `https://<server>/hooks/<key>`; it is the credential.
    public var url: String
    /// Post to this channel (its name, e.g. `town-square`, or `@user`) instead of the hook's own;
    /// only when the hook is not locked to its channel.
    public var channel: String?
    /// Sender name and icon overrides (need "Enable integrations to override usernames/icons").
    public var username: String?
    public var iconURL: String?
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// Inline log tail: at most this many lines.
    public var logLines: Int
    /// Templates for the post text, instead of the built-in layout.
    public var templates = MessageTemplates()
    /// Attachment text budget in characters (posts over 16,383 characters are split by the server).
    public var maximumTextCharacters: Int
    /// A private CA for a self-hosted server behind an internal CA, or no verification (the system's roots by default).
    public var tls: TLSOptions

    public init(
        url: String, channel: String? = nil, username: String? = nil, iconURL: String? = nil, requestTimeout: Duration = .seconds(15), logLines: Int = 50,
        maximumTextCharacters: Int = 12_000, tls: TLSOptions = TLSOptions()
    ) {
        self.url = url
        self.channel = channel
        self.username = username
        self.iconURL = iconURL
        self.requestTimeout = requestTimeout
        self.logLines = logLines
        self.maximumTextCharacters = maximumTextCharacters
        self.tls = tls
    }
}
