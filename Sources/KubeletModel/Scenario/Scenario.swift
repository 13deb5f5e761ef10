import Foundation

/// A scripted cluster: namespaces, nodes, workloads whose containers behave in set ways, and a
/// timeline of things that happen to them. Parse one from YAML with `Scenario(yaml:)`
/// (format in docs/scenarios.md), or use `Scenario.demo`.
public struct Scenario: Sendable, Equatable {
    public var namespaces: [String]
    public var nodes: [String]
    public var workloads: [WorkloadSpec]
    public var timeline: [TimelineEntry]
    /// Whether each node's kubelet keeps a Lease in `kube-node-lease` renewed every 10 seconds.
    public var nodeLeases: Bool

    public init(namespaces: [String], nodes: [String] = ["kind-worker", "kind-worker2"],
                workloads: [WorkloadSpec], timeline: [TimelineEntry] = [], nodeLeases: Bool = false) {
        self.namespaces = namespaces
        self.nodes = nodes.isEmpty ? ["kind-worker"] : nodes
        self.workloads = workloads
        self.timeline = timeline
        self.nodeLeases = nodeLeases
    }
}
