import Foundation
import MuninnCore

/// One workload's incidents and manifest changes interleaved, newest first: what `/workloads/{namespace}/{kind}/{name}`
/// shows and `/api/v1/workloads/.../timeline` returns.
struct WorkloadTimeline: Sendable {
    var workload: TimelineWorkload
    var entries: [WorkloadTimelineEntry]
    /// False when no change store is configured: the timeline then holds incidents only, and says so.
    var changeHistoryEnabled: Bool
    /// More entries matched than `limit`: the oldest were left out.
    var truncated: Bool

    static let defaultLimit = 100
    static let maximumLimit = 1_000
    /// An incident this soon after a change of its workload is shown as following it (the change watch's default
    /// crash-link window).
    static let crashLinkWindow: TimeInterval = 30 * 60

    /// Reads both histories with the same filters and merges them, at most `limit` entries.
    static func load(
        _ workload: TimelineWorkload, cluster: String?, since: Date?, until: Date?, limit: Int, history: any HistoryStore,
        changes: (any ChangeStore)?
    ) async throws(StoreError) -> WorkloadTimeline {
        let incidentQuery = IncidentQuery(
            cluster: cluster, namespace: workload.namespace, workload: WorkloadFilter(kind: workload.kind, name: workload.name), since: since,
            until: until, limit: limit + 1)
        let incidents = try await history.incidents(incidentQuery).items
        var found: [ManifestChange] = []
        if let changes {
            let changeQuery = ChangeQuery(
                cluster: cluster, namespace: workload.namespace, workload: Alert.Workload(kind: workload.kind, name: workload.name), since: since,
                until: until, limit: limit + 1)
            // The change store's `until` is inclusive, the incidents' exclusive: one meaning for the page.
            found = try await changes.changes(changeQuery).filter { change in until.map { change.observedAt < $0 } ?? true }
        }
        let merged = merge(incidents: incidents, changes: found)
        return WorkloadTimeline(
            workload: workload, entries: Array(merged.prefix(limit)), changeHistoryEnabled: changes != nil, truncated: merged.count > limit)
    }

    /// Newest first; at the same moment a change sorts below (before) the incident it may have caused.
    static func merge(incidents: [IncidentSummary], changes: [ManifestChange]) -> [WorkloadTimelineEntry] {
        let oldestFirst = changes.sorted { $0.observedAt < $1.observedAt }
        var entries: [WorkloadTimelineEntry] = changes.map { .change($0) }
        for incident in incidents {
            let preceding = oldestFirst.last { $0.observedAt <= incident.occurredAt && $0.cluster == incident.cluster }
            let link = preceding.flatMap { change -> WorkloadTimelineEntry.PrecedingChange? in
                let seconds = incident.occurredAt.timeIntervalSince(change.observedAt)
                return seconds <= crashLinkWindow ? .init(changeID: change.id, seconds: Int(seconds)) : nil
            }
            entries.append(.incident(incident, afterChange: link))
        }
        return entries.sorted { lhs, rhs in
            if lhs.at != rhs.at { return lhs.at > rhs.at }
            return lhs.isIncident && !rhs.isIncident
        }
    }
}
