/// A direct command to a running `ScenarioEngine` (what timeline entries turn into; tests and
/// tools can issue them too). `target` is `namespace/name` of a pod or workload.
public enum ScenarioCommand: Sendable, Equatable {
    case crash(target: String, container: String? = nil, exit: ContainerExit = .error())
    case oom(target: String, container: String? = nil)
    case complete(target: String, container: String? = nil)
    case evict(target: String)
    case delete(target: String, gracePeriodSeconds: Int? = nil)
    case setReady(target: String, container: String? = nil, ready: Bool)
    /// New image (and optionally behaviour) for a workload's container; nil keeps the current one.
    case rollout(workload: String, container: String? = nil, image: String? = nil, behaviour: ContainerBehaviour? = nil)
    case scale(workload: String, replicas: Int)

    /// The command a timeline entry stands for.
    public init(_ entry: TimelineEntry) {
        switch entry.action {
        case .crash: self = .crash(target: entry.target, container: entry.container, exit: entry.exit ?? .error())
        case .oom: self = .oom(target: entry.target, container: entry.container)
        case .complete: self = .complete(target: entry.target, container: entry.container)
        case .evict: self = .evict(target: entry.target)
        case .delete: self = .delete(target: entry.target)
        case .ready: self = .setReady(target: entry.target, container: entry.container, ready: true)
        case .unready: self = .setReady(target: entry.target, container: entry.container, ready: false)
        case .rollout: self = .rollout(workload: entry.target, container: entry.container, image: entry.image)
        case .fixImage: self = .rollout(workload: entry.target, container: entry.container, image: entry.image, behaviour: .healthy)
        case .scale: self = .scale(workload: entry.target, replicas: entry.replicas ?? 1)
        }
    }
}
