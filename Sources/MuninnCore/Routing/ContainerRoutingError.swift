/// A rule of `SLACK_NOTIFICATION_CONFIG` that cannot be read, with its position (1-based) and text.
public struct ContainerRoutingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: Int
    public var rule: String
    public var problem: String

    public var description: String {
        "routing rule \(position) ('\(rule)'): \(problem); expected namespace/pod/container=channel"
    }
}
