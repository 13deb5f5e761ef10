import MuninnCore
import MuninnTesting
import Synchronization

/// An in-memory change store whose first `failingCommits` commits fail, like a database that restarts.
final class FlakyChangeStore: ChangeStore {
    let base = InMemoryChangeStore()
    private let remaining: Mutex<Int>
    private let attempts = Mutex(0)

    init(failingCommits: Int) {
        remaining = Mutex(failingCommits)
    }

    /// commitChange calls, failed ones included.
    var commitAttempts: Int { attempts.withLock { $0 } }

    func changeBaselines(cluster: String, resource: String) async throws(StoreError) -> [ChangeBaseline] {
        try await base.changeBaselines(cluster: cluster, resource: resource)
    }

    func commitChange(
        _ change: ManifestChange?, cluster: String, resource: String, namespace: String, name: String, baseline: ChangeBaseline?
    ) async throws(StoreError) {
        attempts.withLock { $0 += 1 }
        let fail = remaining.withLock { remaining in
            defer { remaining = max(0, remaining - 1) }
            return remaining > 0
        }
        if fail { throw StoreError("scripted store failure") }
        try await base.commitChange(change, cluster: cluster, resource: resource, namespace: namespace, name: name, baseline: baseline)
    }

    func changes(_ query: ChangeQuery) async throws(StoreError) -> [ManifestChange] {
        try await base.changes(query)
    }
}
