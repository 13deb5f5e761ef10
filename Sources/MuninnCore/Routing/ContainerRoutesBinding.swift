/// johari-mirror's `SLACK_NOTIFICATION_CONFIG` table and the destination its channels belong to.
/// The table decides exactly as johari-mirror does: the first matching rule's channel, an empty
/// channel mutes, and no matching rule sends nothing.
public struct ContainerRoutesBinding: Sendable, Equatable {
    public var routes: ContainerRoutes
    /// The destination (a Slack bot) that posts to the table's channels.
    public var destination: String
    /// Named in suppression reasons ("muted by SLACK_NOTIFICATION_CONFIG rule 2").
    public var source: String

    public init(routes: ContainerRoutes, destination: String, source: String = "SLACK_NOTIFICATION_CONFIG") {
        self.routes = routes
        self.destination = destination
        self.source = source
    }
}
