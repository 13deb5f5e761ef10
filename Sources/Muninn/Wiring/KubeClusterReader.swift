import KubeAPI
import KubeJSON
import MuninnCore

/// `ClusterReader` over the Kubernetes API: what `AlertEnricher` reads, through a `KubeClient`.
struct KubeClusterReader: ClusterReader {
    let client: KubeClient

    func containerLogs(
        namespace: String, pod: String, container: String, previous: Bool, tailLines: Int, limitBytes: Int
    ) async throws -> [UInt8] {
        let options = LogOptions(container: container, previous: previous, tailLines: tailLines, limitBytes: limitBytes)
        return try await client.logBytes(namespace: namespace, pod: pod, options: options)
    }

    func podEvents(namespace: String, pod: String, uid: String?) async throws -> [KubeEvent] {
        try await client.events(involvedKind: "Pod", name: pod, namespace: namespace, uid: uid)
    }

    func ownerReferences(kind: String, namespace: String, name: String) async throws -> [OwnerReference] {
        guard let resource = Self.resource(forKind: kind) else { return [] }
        return try await client.get(resource, namespace: namespace, name: name, as: MetadataOnly.self).metadata.ownerReferences
    }

    func nodeConditions(node: String) async throws -> [NodeCondition] {
        let node = try await client.get(.nodes, namespace: nil, name: node, as: Node.self)
        return node.conditions
    }

    /// The namespaced workload kinds that can own a pod or its ReplicaSet/Job.
    static func resource(forKind kind: String) -> GroupVersionResource? {
        switch kind {
        case "ReplicaSet": .replicaSets
        case "Job": .jobs
        case "Deployment": .deployments
        case "StatefulSet": .statefulSets
        case "DaemonSet": .daemonSets
        case "CronJob": .cronJobs
        default: nil
        }
    }

    /// Only the metadata of an object: all the owner chain needs, whatever the object's kind.
    private struct MetadataOnly: Decodable, Sendable {
        var metadata: ObjectMeta
    }
}
