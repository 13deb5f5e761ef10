/// One step of a change chain, in the order configured (kwatchman's `[[handler]]` tables, or Muninn's YAML
/// `changes.chain`). Handlers run in order; `diff` and `ignoreEvents` can stop the chain; a failing handler
/// fails the chain, which is retried (see ``ChangeWatchSettings/attempts``).
public enum ChangeHandlerSpec: Sendable, Hashable {
    /// Stops the chain when nothing a user changed differs; extra ignored paths beyond the resource's policy.
    case diff(extraIgnoredPaths: [String])
    /// One JSON line per change on the log.
    case log
    /// Stops the chain for these actions (kwatchman: exact, case-sensitive `Add`/`Update`/`Delete`).
    case ignoreEvents(Set<ChangeAction>)
    /// Slack: an incoming webhook (kwatchman's `webhookURL`) or a bot token and channel. Long diffs are
    /// attached as a file (bot) instead of being cut. `clusterName` is the footer.
    case slack(SlackChangeTarget)
    /// Signed JSON (Standard Webhooks), the same envelope as alerts.
    case webhook(url: String, secret: String?)
    /// Runs a local program with the change as JSON on stdin; a non-zero exit or the timeout fails the chain.
    case exec(command: [String], timeoutSeconds: Int)
    /// Any destination configured under `destinations:` by name.
    case destination(name: String)
}

/// Where a `slack` change handler posts.
public struct SlackChangeTarget: Sendable, Hashable {
    public var webhookURL: String?
    public var token: String?
    public var channel: String?
    public var clusterName: String?

    public init(webhookURL: String? = nil, token: String? = nil, channel: String? = nil, clusterName: String? = nil) {
        self.webhookURL = webhookURL
        self.token = token
        self.channel = channel
        self.clusterName = clusterName
    }
}
