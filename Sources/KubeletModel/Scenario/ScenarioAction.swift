/// What a timeline entry does.
public enum ScenarioAction: String, Sendable, Equatable, CaseIterable {
    /// The container exits with an error (exitCode, reason, logs).
    case crash
    /// The container is OOM-killed.
    case oom
    /// The container exits 0.
    case complete
    /// The kubelet evicts the pod (memory pressure).
    case evict
    /// `kubectl delete pod` (graceful).
    case delete
    /// A new image for a workload's container: new ReplicaSet/revision, pods replaced.
    case rollout
    /// Change the number of replicas.
    case scale
    /// A rollout that also makes the container healthy (the fix for a bad image or config).
    case fixImage
    /// The readiness probe starts failing / passing.
    case unready
    case ready
}
