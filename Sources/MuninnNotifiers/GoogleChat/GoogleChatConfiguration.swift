/// Settings of a Google Chat destination: an incoming webhook of a space.
public struct GoogleChatConfiguration: Sendable {
    /// `https://chat.googleapis.com/v1/spaces/<space>/messages?key=…&token=…`; it is the credential.
    public var url: String
    /// Put later alerts of a crash loop into the first alert's thread (`thread.threadKey`).
    public var threads: Bool
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// Inline log tail: at most this many lines.
    public var logLines: Int
    /// Templates for the card title and text, instead of the built-in layout.
    public var templates = MessageTemplates()
    /// The whole JSON body stays below this many bytes (Google Chat takes 32,000 per message).
    public var maximumBodyBytes: Int

    public init(url: String, threads: Bool = true, requestTimeout: Duration = .seconds(15), logLines: Int = 40, maximumBodyBytes: Int = 28_000) {
        self.url = url
        self.threads = threads
        self.requestTimeout = requestTimeout
        self.logLines = logLines
        self.maximumBodyBytes = maximumBodyBytes
    }
}
