import Foundation

/// One incident as a list row: what happened, where, and whether anyone was told.
public struct IncidentSummary: Sendable, Equatable {
    /// The store's id: increasing in queue order, never reused.
    public var id: Int64
    public var cluster: String
    public var kind: Incident.Kind
    public var namespace: String
    public var pod: String
    public var container: String?
    /// Known once the incident was enriched.
    public var workload: Alert.Workload?
    public var node: String?
    public var image: String?
    public var reason: String?
    public var exitCode: Int?
    public var message: String?
    public var restartCount: Int?
    public var occurredAt: Date
    /// Nil while the incident waits for enrichment.
    public var enrichedAt: Date?
    /// Why nothing was delivered (muted, no route, flood control), when so.
    public var suppression: String?
    public var deliveries: DeliveryCounts
    /// For a search: the first line (of the message, log or events) holding a searched word, so people see why it matched.
    public var matchedLine: String?

    public init(
        id: Int64, cluster: String, kind: Incident.Kind, namespace: String, pod: String, container: String? = nil,
        workload: Alert.Workload? = nil, node: String? = nil, image: String? = nil, reason: String? = nil, exitCode: Int? = nil,
        message: String? = nil, restartCount: Int? = nil, occurredAt: Date, enrichedAt: Date? = nil, suppression: String? = nil,
        deliveries: DeliveryCounts = DeliveryCounts(), matchedLine: String? = nil
    ) {
        self.id = id
        self.cluster = cluster
        self.kind = kind
        self.namespace = namespace
        self.pod = pod
        self.container = container
        self.workload = workload
        self.node = node
        self.image = image
        self.reason = reason
        self.exitCode = exitCode
        self.message = message
        self.restartCount = restartCount
        self.occurredAt = occurredAt
        self.enrichedAt = enrichedAt
        self.suppression = suppression
        self.deliveries = deliveries
        self.matchedLine = matchedLine
    }
}
