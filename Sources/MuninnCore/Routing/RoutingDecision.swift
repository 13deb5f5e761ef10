/// What routing decided for one alert: the lanes (destination + channel) it goes to, in order and
/// without duplicates, or why it goes nowhere, in words kept with the alert's history.
public enum RoutingDecision: Sendable, Equatable {
    case deliver([DeliveryLane])
    /// `reason` reads as a sentence fragment: "muted by rule 'quiet-batch'", "namespace kube-system excluded",
    /// "no route matches", "pod annotation kube-slack/ignore-pod".
    case suppressed(reason: String)
}
