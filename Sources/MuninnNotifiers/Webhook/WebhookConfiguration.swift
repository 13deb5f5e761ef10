/// Settings of a generic JSON webhook destination.
public struct WebhookConfiguration: Sendable {
    public var url: String
    /// Signs each request the Standard Webhooks way when set: `whsec_<base64 key>`, or any other
    /// string, whose UTF-8 bytes are then the key.
    public var secret: String?
    /// Extra headers, e.g. `Authorization` for a receiver that wants a token.
    public var headers: [(name: String, value: String)]
    public var requestTimeout: Duration
    /// The log in the payload keeps its last this many bytes.
    public var maximumLogBytes: Int
    /// A private CA for a receiver behind an internal CA, or no verification (the system's roots by default).
    public var tls: TLSOptions

    public init(
        url: String, secret: String? = nil, headers: [(name: String, value: String)] = [], requestTimeout: Duration = .seconds(15),
        maximumLogBytes: Int = 64 * 1024, tls: TLSOptions = TLSOptions()
    ) {
        self.url = url
        self.secret = secret
        self.headers = headers
        self.requestTimeout = requestTimeout
        self.maximumLogBytes = maximumLogBytes
        self.tls = tls
    }
}
