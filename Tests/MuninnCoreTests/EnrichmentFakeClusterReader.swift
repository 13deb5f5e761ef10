import Foundation
import KubeAPI
import MuninnCore
import Synchronization

/// A `ClusterReader` with canned answers, scripted failures and reads that never finish; it records the log
/// reads it was asked for.
struct EnrichmentFakeClusterReader: ClusterReader {
    /// What one read does.
    enum Answer<Value: Sendable>: Sendable {
        case value(Value)
        case failure(KubeAPIError)
        /// Never answers; ends only when the enricher cancels it.
        case hang
    }

    /// One `containerLogs` call.
    struct LogRead: Sendable, Equatable {
        var container: String
        var previous: Bool
        var tailLines: Int
        var limitBytes: Int
    }

    var previousLogs: Answer<[UInt8]> = .failure(.logsUnavailable(message: "no previous"))
    var currentLogs: Answer<[UInt8]> = .failure(.logsUnavailable(message: "no current"))
    var events: Answer<[KubeEvent]> = .value([])
    /// Keyed by `Kind/name`; objects not listed have no owners.
    var owners: [String: Answer<[OwnerReference]>] = [:]
    var nodes: [String: Answer<[NodeCondition]>] = [:]
    /// Shared by copies of the fake, so a test sees the reads the enricher made through its copy.
    final class Recorder: Sendable {
        let reads = Mutex<[LogRead]>([])
    }

    let recorder = Recorder()

    var recordedLogReads: [LogRead] { recorder.reads.withLock { $0 } }

    func containerLogs(
        namespace: String, pod: String, container: String, previous: Bool, tailLines: Int, limitBytes: Int
    ) async throws -> [UInt8] {
        recorder.reads.withLock { $0.append(LogRead(container: container, previous: previous, tailLines: tailLines, limitBytes: limitBytes)) }
        return try await Self.answer(previous ? previousLogs : currentLogs)
    }

    func podEvents(namespace: String, pod: String, uid: String?) async throws -> [KubeEvent] {
        try await Self.answer(events)
    }

    func ownerReferences(kind: String, namespace: String, name: String) async throws -> [OwnerReference] {
        try await Self.answer(owners["\(kind)/\(name)"] ?? .value([]))
    }

    func nodeConditions(node: String) async throws -> [NodeCondition] {
        try await Self.answer(nodes[node] ?? .failure(.notFound(Status(code: 404, reason: "NotFound", message: "nodes \"\(node)\" not found"))))
    }

    private static func answer<Value: Sendable>(_ answer: Answer<Value>) async throws -> Value {
        switch answer {
        case .value(let value): return value
        case .failure(let error): throw error
        case .hang:
            // Cancellation ends this at once: the enricher's timeout is what the test exercises, not this wait.
            try await Task.sleep(for: .seconds(86_400))
            throw CancellationError()
        }
    }
}
