/// One destination `muninn test-notify` sends to, and where within it.
struct TestNotifyTarget: Equatable {
    var destination: String
    /// The channel to post to; nil for destinations without channels.
    var channel: String?
    /// Why this destination cannot be tried (a Slack bot with no channel to post to); reported as its FAIL line.
    var problem: String?
}
