import Foundation
import MuninnCore
import Synchronization

/// A `ChangeStore` in memory, for tests of the change watch, the crash link and the timeline: the same
/// semantics as the SQLite and PostgreSQL stores (the change contract suite runs against all three).
public final class InMemoryChangeStore: ChangeStore {
    private struct State {
        var baselines: [String: ChangeBaseline] = [:]
        var changes: [ManifestChange] = []
        var changeIDs: Set<String> = []
        var failing = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Every call fails while set, like a full disk or a lost connection.
    public func setFailing(_ failing: Bool) {
        state.withLock { $0.failing = failing }
    }

    /// Every change stored, oldest first.
    public var allChanges: [ManifestChange] {
        state.withLock { $0.changes }
    }

    public func changeBaselines(cluster: String, resource: String) async throws(StoreError) -> [ChangeBaseline] {
        let prefix = Self.key(cluster: cluster, resource: resource, namespace: "", name: "").dropLast(1)
        let result: Result<[ChangeBaseline], StoreError> = state.withLock { state in
            if state.failing { return .failure(StoreError("in-memory change store set to fail")) }
            let matching = state.baselines.filter { $0.key.hasPrefix(prefix) }.values
            return .success(matching.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) })
        }
        return try result.get()
    }

    public func commitChange(
        _ change: ManifestChange?, cluster: String, resource: String, namespace: String, name: String, baseline: ChangeBaseline?
    ) async throws(StoreError) {
        let failure: StoreError? = state.withLock { state in
            if state.failing { return StoreError("in-memory change store set to fail") }
            if let change, !state.changeIDs.contains(change.id) {
                state.changes.append(change)
                state.changeIDs.insert(change.id)
            }
            state.baselines[Self.key(cluster: cluster, resource: resource, namespace: namespace, name: name)] = baseline
            return nil
        }
        if let failure { throw failure }
    }

    public func changes(_ query: ChangeQuery) async throws(StoreError) -> [ManifestChange] {
        let result: Result<[ManifestChange], StoreError> = state.withLock { state in
            if state.failing { return .failure(StoreError("in-memory change store set to fail")) }
            let matching = state.changes.filter { change in
                (query.cluster.map { $0 == change.cluster } ?? true)
                    && (query.namespace.map { $0 == change.namespace } ?? true)
                    && (query.workload.map { $0 == change.workload } ?? true)
                    && (query.kind.map { $0 == change.kind } ?? true)
                    && (query.name.map { $0 == change.name } ?? true)
                    && (query.since.map { change.observedAt >= $0 } ?? true)
                    && (query.until.map { change.observedAt <= $0 } ?? true)
            }
            let newestFirst = matching.sorted { ($0.observedAt, $0.id) > ($1.observedAt, $1.id) }
            return .success(Array(newestFirst.prefix(max(0, query.limit))))
        }
        return try result.get()
    }

    private static func key(cluster: String, resource: String, namespace: String, name: String) -> String {
        [cluster, resource, namespace, name].joined(separator: "\u{1F}")
    }
}
