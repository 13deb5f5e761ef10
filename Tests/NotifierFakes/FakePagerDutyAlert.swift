/// The fake's view of one PagerDuty alert (per routing key and dedup key).
public struct FakePagerDutyAlert: Sendable, Equatable {
    public enum Status: String, Sendable { case triggered, acknowledged, resolved }

    public var status: Status
    /// Triggers folded into it (the first one opened it).
    public var triggers: Int
    /// How many alerts were opened under this key (a trigger after a resolve opens a new one).
    public var opened: Int

    public init(status: Status, triggers: Int, opened: Int) {
        self.status = status
        self.triggers = triggers
        self.opened = opened
    }
}
