import Foundation

/// Which incidents to read: every filter that is set must match (nil or empty means any).
public struct IncidentQuery: Sendable, Hashable {
    /// The most items one page may hold; larger limits are lowered to it.
    public static let maximumLimit = 1_000

    public var cluster: String?
    public var namespace: String?
    /// The owning workload (`Deployment`/`api`). Matches enriched incidents only: the workload is resolved by enrichment.
    public var workload: WorkloadFilter?
    public var pod: String?
    public var container: String?
    /// Exact reason (`OOMKilled`, `Error`, `CrashLoopBackOff`, ...).
    public var reason: String?
    /// Any of these kinds; empty means every kind.
    public var kinds: Set<Incident.Kind>
    /// Incidents that occurred at or after this moment.
    public var since: Date?
    /// Incidents that occurred before this moment.
    public var until: Date?
    /// Free text, as a person typed it: every word must occur (case-insensitive, anywhere, even inside a
    /// longer word) in the message, reason, logs, events, pod, container or workload. `"double quotes"`
    /// keep words together as one phrase. No operators: `AND`, `-`, `*` are text like any other.
    public var search: String?
    /// Items per page, 1 to `maximumLimit`.
    public var limit: Int
    /// Continue after the last item of a previous page (its `nextCursor`).
    public var cursor: IncidentCursor?

    public init(
        cluster: String? = nil, namespace: String? = nil, workload: WorkloadFilter? = nil, pod: String? = nil, container: String? = nil,
        reason: String? = nil, kinds: Set<Incident.Kind> = [], since: Date? = nil, until: Date? = nil, search: String? = nil,
        limit: Int = 50, cursor: IncidentCursor? = nil
    ) {
        self.cluster = cluster
        self.namespace = namespace
        self.workload = workload
        self.pod = pod
        self.container = container
        self.reason = reason
        self.kinds = kinds
        self.since = since
        self.until = until
        self.search = search
        self.limit = limit
        self.cursor = cursor
    }

    /// `limit` brought into 1...`maximumLimit`.
    public var effectiveLimit: Int { min(max(limit, 1), Self.maximumLimit) }

    /// The words of `search` to look for, or none when it is empty.
    public var searchTerms: [String] { search.map(SearchTerms.parse) ?? [] }
}
