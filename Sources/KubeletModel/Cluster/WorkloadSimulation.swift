import Foundation

/// A controller's state: the workload, its revisions, and the pods it owns.
struct WorkloadSimulation: Sendable {
    var spec: WorkloadSpec
    let uid: String
    let created: Date
    var revisions: [WorkloadRevision]
    var podIDs: [Int] = []
    var generation = 1
    var completionTime: Date?
    var createdBarePod = false
    /// Created in the cluster (its start time has come).
    var started = false

    var current: WorkloadRevision { revisions[revisions.count - 1] }
    var key: String { "\(spec.namespace)/\(spec.name)" }
}

/// A pod the engine tracks, with the workload and revision that own it.
struct PodRecord: Sendable {
    var simulation: PodSimulation
    var workload: Int?
    var revision: Int
    var nodeIndex: Int
}
