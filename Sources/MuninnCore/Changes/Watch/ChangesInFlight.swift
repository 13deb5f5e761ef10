import Synchronization

/// The changes whose chain (or store write) is running, one per scope at most: what a shutdown that cannot wait any
/// longer must name, since none of them is recorded and each comes back at the next start.
final class ChangesInFlight: Sendable {
    private let changes = Mutex<[String: ManifestChange]>([:])

    /// `change` is now in the chain of the scope `scope`.
    func begin(_ change: ManifestChange, scope: String) {
        changes.withLock { $0[scope] = change }
    }

    /// The scope's change was recorded, or given up.
    func end(scope: String) {
        changes.withLock { $0[scope] = nil }
    }

    /// The changes in flight, ordered by id.
    var current: [ManifestChange] {
        changes.withLock { Array($0.values) }.sorted { $0.id < $1.id }
    }
}
