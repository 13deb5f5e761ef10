import Foundation

/// One incident's enriched alert, as `OutboxStore.commitAlerts` stores it: the arguments of `commitAlert`.
public struct AlertCommit: Sendable {
    public var incident: QueuedIncident.ID
    public var alert: Alert
    public var deliveries: [PlannedDelivery]
    public var suppression: String?
    public var at: Date

    public init(incident: QueuedIncident.ID, alert: Alert, deliveries: [PlannedDelivery], suppression: String?, at: Date) {
        self.incident = incident
        self.alert = alert
        self.deliveries = deliveries
        self.suppression = suppression
        self.at = at
    }
}
