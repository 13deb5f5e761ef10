/// What the Slack fake does with a `thread_ts` that is not the `ts` of a top-level message in the
/// channel. Slack's behaviour was not verified (APIS.md §1.6), so tests can choose.
public enum FakeSlackThreadPolicy: Sendable {
    /// Answers `thread_not_found`: catches clients that reply under a reply or a wrong channel.
    case reject
    /// Posts the message to the channel as a top-level message.
    case postToChannel
}
