/// Where a rule sends an alert: a configured destination, and optionally a channel in it (Slack).
/// Without a channel the destination uses its own default.
public struct RouteTarget: Sendable, Hashable {
    public var destination: String
    public var channel: String?

    public init(destination: String, channel: String? = nil) {
        self.destination = destination
        self.channel = channel
    }

    var lane: DeliveryLane { DeliveryLane(destination: destination, channel: channel) }
}
