/// Where an alert goes, or why it goes nowhere.
public enum RoutingDecision: Sendable, Equatable {
    case deliver([DeliveryLane])
    case suppressed(reason: String)
}
