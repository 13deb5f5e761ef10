/// Settings of a Microsoft Teams destination: a Workflows webhook ("When a Teams webhook request is
/// received") that posts Adaptive Cards into a channel or chat.
public struct TeamsConfiguration: Sendable {
    /// The workflow's HTTP trigger URL (with `sig=`); it is the credential.
    public var url: String
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// Inline log tail: at most this many lines.
    public var logLines: Int
    /// Templates for the card title and text, instead of the built-in layout.
    public var templates = MessageTemplates()
    /// The whole JSON body stays below this many bytes (Teams refuses about 28 KB; a margin is kept).
    public var maximumBodyBytes: Int

    public init(url: String, requestTimeout: Duration = .seconds(15), logLines: Int = 30, maximumBodyBytes: Int = 20_000) {
        self.url = url
        self.requestTimeout = requestTimeout
        self.logLines = logLines
        self.maximumBodyBytes = maximumBodyBytes
    }
}
