import KubeAPI
import KubeJSON
import MuninnCore

/// The enrichment reads through the real client, as `KubeClusterReader` in the executable does them. The
/// IntegrationTests target cannot import the executable (Package.swift does not list it as a dependency), so
/// this mirrors that type call for call; keep the two in step until the lead links the target.
struct EnrichmentClientReader: ClusterReader {
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
        let resource: GroupVersionResource
        switch kind {
        case "ReplicaSet": resource = .replicaSets
        case "Job": resource = .jobs
        default: return []
        }
        return try await client.get(resource, namespace: namespace, name: name, as: MetadataOnly.self).metadata.ownerReferences
    }

    func nodeConditions(node: String) async throws -> [NodeCondition] {
        let node = try await client.get(.nodes, namespace: nil, name: node, as: Node.self)
        return node.conditions.map { NodeCondition(type: $0.type, status: $0.status, reason: $0.reason, message: $0.message) }
    }

    private struct MetadataOnly: Decodable, Sendable {
        var metadata: ObjectMeta
    }
}
