/// The kinds of workload a scenario can declare.
public enum WorkloadKind: String, Sendable, Equatable, CaseIterable {
    case deployment = "Deployment"
    case statefulSet = "StatefulSet"
    case job = "Job"
    case daemonSet = "DaemonSet"
    /// A bare pod with no controller.
    case pod = "Pod"
}
