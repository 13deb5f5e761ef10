/// `type: googlechat`: a Google Chat space webhook; the URL (with key and token) is the credential.
struct GoogleChatDestinationSettings: Equatable {
    var url: SecretValue
    /// Crash-loop repeats reply in the first alert's thread.
    var threads: Bool = true
    var requestTimeout: Duration = .seconds(15)
    var logLines: Int = 40
}
