import Foundation
import KubeAPI
import MuninnCore
import Synchronization
import Testing

@Suite struct CachingClusterReaderTests {
    /// Counts the reads that reach the cluster; answers from a script.
    final class CountingReader: ClusterReader {
        let reads = Mutex<[String]>([])
        let failingNodes: Set<String>

        init(failingNodes: Set<String> = []) { self.failingNodes = failingNodes }

        var readCount: [String] { reads.withLock { $0 } }

        func containerLogs(
            namespace: String, pod: String, container: String, previous: Bool, tailLines: Int, limitBytes: Int
        ) async throws -> [UInt8] {
            reads.withLock { $0.append("logs \(pod)") }
            return Array("log of \(pod)".utf8)
        }

        func podEvents(namespace: String, pod: String, uid: String?) async throws -> [KubeEvent] {
            reads.withLock { $0.append("events \(pod)") }
            return []
        }

        func ownerReferences(kind: String, namespace: String, name: String) async throws -> [OwnerReference] {
            reads.withLock { $0.append("owner \(kind)/\(namespace)/\(name)") }
            return [OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "\(name)-deployment", uid: "u", controller: true)]
        }

        func nodeConditions(node: String) async throws -> [NodeCondition] {
            reads.withLock { $0.append("node \(node)") }
            if failingNodes.contains(node) { throw KubeAPIError.notFound(Status(code: 404, reason: "NotFound", message: "nodes \"\(node)\" not found")) }
            return [NodeCondition(type: "Ready", status: "True", reason: "KubeletReady")]
        }
    }

    final class Clock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
        var now: @Sendable () -> Date { { [self] in time.withLock { $0 } } }
    }

    @Test func aNodeIsReadOnceWhileItsAnswerIsFresh() async throws {
        let cluster = CountingReader()
        let clock = Clock()
        let reader = CachingClusterReader(wrapping: cluster, nodeLifetime: .seconds(10), now: clock.now)
        for _ in 0..<5 { _ = try await reader.nodeConditions(node: "node-1") }
        _ = try await reader.nodeConditions(node: "node-2")
        #expect(cluster.readCount == ["node node-1", "node node-2"])
        clock.advance(10)
        let conditions = try await reader.nodeConditions(node: "node-1")
        #expect(conditions.map(\.type) == ["Ready"])
        #expect(cluster.readCount == ["node node-1", "node node-2", "node node-1"])
    }

    @Test func ownersAreKeptPerKindNamespaceAndName() async throws {
        let cluster = CountingReader()
        let reader = CachingClusterReader(wrapping: cluster, now: Clock().now)
        let first = try await reader.ownerReferences(kind: "ReplicaSet", namespace: "shop", name: "web-5d8f")
        _ = try await reader.ownerReferences(kind: "ReplicaSet", namespace: "shop", name: "web-5d8f")
        _ = try await reader.ownerReferences(kind: "ReplicaSet", namespace: "billing", name: "web-5d8f")
        _ = try await reader.ownerReferences(kind: "Job", namespace: "shop", name: "web-5d8f")
        #expect(first.map(\.name) == ["web-5d8f-deployment"])
        #expect(cluster.readCount == ["owner ReplicaSet/shop/web-5d8f", "owner ReplicaSet/billing/web-5d8f", "owner Job/shop/web-5d8f"])
    }

    @Test func aFailureIsNotRemembered() async throws {
        let cluster = CountingReader(failingNodes: ["gone"])
        let reader = CachingClusterReader(wrapping: cluster, now: Clock().now)
        await #expect(throws: KubeAPIError.self) { try await reader.nodeConditions(node: "gone") }
        await #expect(throws: KubeAPIError.self) { try await reader.nodeConditions(node: "gone") }
        #expect(cluster.readCount == ["node gone", "node gone"])
    }

    @Test func logsAndEventsAreAlwaysRead() async throws {
        let cluster = CountingReader()
        let reader = CachingClusterReader(wrapping: cluster, now: Clock().now)
        for _ in 0..<2 {
            let logs = try await reader.containerLogs(namespace: "shop", pod: "web-1", container: "app", previous: true, tailLines: 50, limitBytes: 4096)
            #expect(String(decoding: logs, as: UTF8.self) == "log of web-1")
            _ = try await reader.podEvents(namespace: "shop", pod: "web-1", uid: nil)
        }
        #expect(cluster.readCount == ["logs web-1", "events web-1", "logs web-1", "events web-1"])
    }

    @Test func aFullMemoryDropsExpiredAnswersFirstThenEverything() async throws {
        let cluster = CountingReader()
        let clock = Clock()
        let reader = CachingClusterReader(wrapping: cluster, nodeLifetime: .seconds(10), capacity: 2, now: clock.now)
        _ = try await reader.nodeConditions(node: "a")
        clock.advance(11)
        _ = try await reader.nodeConditions(node: "b")
        // Full: "a" has expired and makes room, "b" stays.
        _ = try await reader.nodeConditions(node: "c")
        _ = try await reader.nodeConditions(node: "b")
        #expect(cluster.readCount == ["node a", "node b", "node c"])
        // Full with fresh answers only: all are dropped, so memory never grows past its capacity.
        _ = try await reader.nodeConditions(node: "d")
        _ = try await reader.nodeConditions(node: "b")
        #expect(cluster.readCount == ["node a", "node b", "node c", "node d", "node b"])
    }
}
