/// How fast a destination accepts messages, so the delivery stage can space them out instead of
/// running into rate limits (which cost a retry and, for DingTalk, a ten-minute lock-out).
///
/// A hint, not a guarantee: destinations still answer rate limits, which the notifiers report as
/// ``NotifierError/retryable(reason:retryAfter:)`` with the wait they asked for.
public struct DeliveryPacing: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The least time between the starts of two messages to the same channel; nil for no limit.
    public var perChannel: Duration?
    /// The least time between the starts of two messages to this destination, whatever the channel;
    /// nil for no limit.
    public var perDestination: Duration?

    public init(perChannel: Duration? = nil, perDestination: Duration? = nil) {
        self.perChannel = perChannel
        self.perDestination = perDestination
    }

    /// No spacing needed (console, generic webhooks).
    public static let unpaced = DeliveryPacing()

    /// The wait before a message may start, given when the last message to the same channel and the
    /// last message to the destination started (nil when there was none). Zero when it may go now.
    public func delay(sinceChannel: Duration?, sinceDestination: Duration?) -> Duration {
        var wait = Duration.zero
        if let perChannel, let sinceChannel, sinceChannel < perChannel { wait = max(wait, perChannel - sinceChannel) }
        if let perDestination, let sinceDestination, sinceDestination < perDestination {
            wait = max(wait, perDestination - sinceDestination)
        }
        return wait
    }

    public var description: String {
        var parts: [String] = []
        if let perChannel { parts.append("\(perChannel) per channel") }
        if let perDestination { parts.append("\(perDestination) per destination") }
        return parts.isEmpty ? "unpaced" : "at least " + parts.joined(separator: ", ")
    }
}
