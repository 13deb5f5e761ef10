/// One committed write, kept in the bounded history for watches from an RV and for serving
/// paginated lists at an older snapshot (by undoing newer events).
struct HistoryEvent: Sendable {
    var resourceVersion: Int64
    var storage: StorageKey
    var type: WatchEventType
    /// The new state; for DELETED the last state carrying the deletion's resourceVersion.
    var object: StoredObject
    /// The state before the write (nil for ADDED).
    var previous: StoredObject?
}
