import Foundation

/// Where the change watch keeps its baselines and the history keeps changes. Implemented by `SQLiteStore`
/// and `PostgresStore` (one contract suite), and by an in-memory fake for tests.
public protocol ChangeStore: Sendable {
    /// Every baseline stored for one watched resource of one cluster (`resource` is
    /// ``GroupVersionResource/description``), to compare the initial list with at start-up.
    func changeBaselines(cluster: String, resource: String) async throws(StoreError) -> [ChangeBaseline]

    /// Records that the chain finished with an object, in one transaction: the change (nil when the event
    /// produced none, e.g. the silent first baseline) is appended to the history unless a change with its id
    /// is already there, and the object's baseline is replaced by `baseline`, or removed when `baseline` is nil
    /// (the object was deleted).
    func commitChange(
        _ change: ManifestChange?, cluster: String, resource: String, namespace: String, name: String, baseline: ChangeBaseline?
    ) async throws(StoreError)

    /// Stored changes matching `query`, newest first (by `observedAt`, then id).
    func changes(_ query: ChangeQuery) async throws(StoreError) -> [ManifestChange]
}
