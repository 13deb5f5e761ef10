import Foundation

/// One incident in full: the detector's record, the alert as enriched (logs, events, workload), and every
/// delivery with its outcome. A part whose stored form cannot be read is nil, with the reason in `problems`.
public struct IncidentRecord: Sendable, Equatable {
    public var summary: IncidentSummary
    /// The incident as detected (termination record, container ID, labels).
    public var incident: Incident?
    /// The alert as enriched; nil until enrichment (or when unreadable).
    public var alert: Alert?
    public var queuedAt: Date
    public var deliveries: [DeliveryRecord]
    /// Parts of the stored record that could not be read, in words.
    public var problems: [String]

    public init(
        summary: IncidentSummary, incident: Incident?, alert: Alert?, queuedAt: Date, deliveries: [DeliveryRecord], problems: [String] = []
    ) {
        self.summary = summary
        self.incident = incident
        self.alert = alert
        self.queuedAt = queuedAt
        self.deliveries = deliveries
        self.problems = problems
    }

    public var id: Int64 { summary.id }
    /// Nil while the incident waits for enrichment.
    public var enrichedAt: Date? { summary.enrichedAt }
    public var suppression: String? { summary.suppression }
}
