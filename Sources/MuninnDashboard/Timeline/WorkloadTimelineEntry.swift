import Foundation
import MuninnCore

/// One row of a workload's timeline: an incident or a manifest change.
enum WorkloadTimelineEntry: Sendable {
    /// A change of the same workload shortly before an incident (within `WorkloadTimeline.crashLinkWindow`).
    struct PrecedingChange: Sendable, Hashable {
        var changeID: String
        var seconds: Int
    }

    case incident(IncidentSummary, afterChange: PrecedingChange?)
    case change(ManifestChange)

    var at: Date {
        switch self {
        case .incident(let incident, _): incident.occurredAt
        case .change(let change): change.observedAt
        }
    }

    var isIncident: Bool {
        if case .incident = self { return true }
        return false
    }
}
