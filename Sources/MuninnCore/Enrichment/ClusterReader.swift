import KubeAPI

/// The reads enrichment makes against a cluster. The daemon implements it with a `KubeClient`
/// (`KubeClusterReader`); tests use a fake with canned answers.
///
/// Implementations throw `KubeAPIError.logsUnavailable(message:)` when the kubelet refuses the logs (the
/// previous instance is gone, the container is waiting) and `KubeAPIError.notFound` when the object is gone:
/// `AlertEnricher` turns those into the alert's `logsUnavailableReason`. Every read should honour cancellation,
/// because the enricher cancels reads that exceed their timeout.
public protocol ClusterReader: Sendable {
    /// A container's log, at most the last `tailLines` lines and about `limitBytes` bytes, as raw bytes
    /// (the enricher repairs invalid UTF-8). `previous` asks for the last terminated instance.
    func containerLogs(
        namespace: String, pod: String, container: String, previous: Bool, tailLines: Int, limitBytes: Int
    ) async throws -> [UInt8]

    /// The core/v1 Events about a pod, in any order.
    func podEvents(namespace: String, pod: String, uid: String?) async throws -> [KubeEvent]

    /// The `metadata.ownerReferences` of a namespaced object of `kind` (ReplicaSet, Job, …).
    func ownerReferences(kind: String, namespace: String, name: String) async throws -> [OwnerReference]

    /// The `status.conditions` of a node.
    func nodeConditions(node: String) async throws -> [NodeCondition]
}
