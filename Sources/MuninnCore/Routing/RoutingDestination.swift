/// What routing needs to know about a configured destination: its name, and whether it has channels
/// (a Slack bot can post anywhere; a webhook, DingTalk robot or Slack incoming webhook cannot), which
/// decides whether a pod's channel annotation applies to it.
public struct RoutingDestination: Sendable, Hashable {
    public var name: String
    public var acceptsChannel: Bool

    public init(name: String, acceptsChannel: Bool) {
        self.name = name
        self.acceptsChannel = acceptsChannel
    }
}
