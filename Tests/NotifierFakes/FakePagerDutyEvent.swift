import KubeJSON

/// An event the PagerDuty fake accepted (202).
public struct FakePagerDutyEvent: Sendable {
    public var routingKey: String
    public var action: String
    public var dedupKey: String
    public var payload: JSONValue
    /// Whether the event changed an alert (a resolve or acknowledge without an open alert is dropped).
    public var applied: Bool
}
