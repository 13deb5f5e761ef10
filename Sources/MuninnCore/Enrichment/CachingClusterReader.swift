import Foundation
import KubeAPI
import Synchronization

/// A `ClusterReader` that remembers, for a short while, the answers many alerts of a crash storm share: a node's
/// conditions and a ReplicaSet's or Job's owner. A burst of a thousand crashes on twenty nodes then reads each
/// node once rather than a thousand times, which spares the API server exactly when it is busiest.
///
/// Logs and Events are each pod's own and always read. Failures are not remembered: the next alert tries again.
/// Node conditions are kept `nodeLifetime` (10 s by default, the kubelet's own status update period, so an alert
/// shows nothing older than the API server could have had); owners `ownerLifetime` (a controller reference does
/// not change once set).
public struct CachingClusterReader: ClusterReader {
    private struct Entry<Value: Sendable>: Sendable {
        var value: Value
        var expires: Date
    }

    private struct Memory: Sendable {
        var nodes: [String: Entry<[NodeCondition]>] = [:]
        var owners: [String: Entry<[OwnerReference]>] = [:]
    }

    private let wrapped: any ClusterReader
    private let nodeLifetime: TimeInterval
    private let ownerLifetime: TimeInterval
    private let capacity: Int
    private let now: @Sendable () -> Date
    private let memory = SharedMemory()

    /// Holds the remembered answers; shared by copies of the reader.
    private final class SharedMemory: Sendable {
        let state = Mutex(Memory())
    }

    /// - Parameter capacity: entries kept per kind of answer; when full, expired ones are dropped, then all.
    public init(
        wrapping wrapped: any ClusterReader, nodeLifetime: Duration = .seconds(10), ownerLifetime: Duration = .seconds(300),
        capacity: Int = 4096, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.wrapped = wrapped
        self.nodeLifetime = nodeLifetime.seconds
        self.ownerLifetime = ownerLifetime.seconds
        self.capacity = max(1, capacity)
        self.now = now
    }

    public func containerLogs(
        namespace: String, pod: String, container: String, previous: Bool, tailLines: Int, limitBytes: Int
    ) async throws -> [UInt8] {
        try await wrapped.containerLogs(namespace: namespace, pod: pod, container: container, previous: previous, tailLines: tailLines, limitBytes: limitBytes)
    }

    public func podEvents(namespace: String, pod: String, uid: String?) async throws -> [KubeEvent] {
        try await wrapped.podEvents(namespace: namespace, pod: pod, uid: uid)
    }

    public func ownerReferences(kind: String, namespace: String, name: String) async throws -> [OwnerReference] {
        let key = "\(kind)/\(namespace)/\(name)"
        let at = now()
        if let remembered = memory.state.withLock({ $0.owners[key] }), remembered.expires > at { return remembered.value }
        let owners = try await wrapped.ownerReferences(kind: kind, namespace: namespace, name: name)
        let entry = Entry(value: owners, expires: at.addingTimeInterval(ownerLifetime))
        memory.state.withLock { state in Self.remember(entry, as: key, in: &state.owners, capacity: capacity, now: at) }
        return owners
    }

    public func nodeConditions(node: String) async throws -> [NodeCondition] {
        let at = now()
        if let remembered = memory.state.withLock({ $0.nodes[node] }), remembered.expires > at { return remembered.value }
        let conditions = try await wrapped.nodeConditions(node: node)
        let entry = Entry(value: conditions, expires: at.addingTimeInterval(nodeLifetime))
        memory.state.withLock { state in Self.remember(entry, as: node, in: &state.nodes, capacity: capacity, now: at) }
        return conditions
    }

    private static func remember<Value: Sendable>(_ entry: Entry<Value>, as key: String, in entries: inout [String: Entry<Value>], capacity: Int, now: Date) {
        if entries.count >= capacity, entries[key] == nil {
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[key] = entry
    }
}
