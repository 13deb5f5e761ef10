import Foundation

/// A workload of a scenario: which pods exist and what their containers do.
public struct WorkloadSpec: Sendable, Equatable {
    public var kind: WorkloadKind
    public var name: String
    public var namespace: String
    public var replicas: Int
    public var containers: [ContainerBlueprint]
    public var initContainers: [ContainerBlueprint]
    /// Seconds after the scenario start at which the workload is created.
    public var startAfter: TimeInterval
    public var realism: PodRealism

    public init(
        kind: WorkloadKind, name: String, namespace: String, replicas: Int = 1,
        containers: [ContainerBlueprint], initContainers: [ContainerBlueprint] = [],
        startAfter: TimeInterval = 0, realism: PodRealism = .standard
    ) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.replicas = replicas
        self.containers = containers
        self.initContainers = initContainers
        self.startAfter = startAfter
        self.realism = realism
    }
}
