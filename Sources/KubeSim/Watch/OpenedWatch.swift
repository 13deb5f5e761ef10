/// A registered watch: events to write first, then the live stream.
struct OpenedWatch: Sendable {
    var id: Int
    var storage: StorageKey
    /// Synthetic ADDED events of the initial state, or replayed history for a watch from an RV.
    var initialEvents: [(WatchEventType, StoredObject)]
    /// The RV of the initial state (for the initial-events-end bookmark).
    var initialResourceVersion: Int64
    var stream: AsyncStream<WatchSignal>
    /// Lets timers and disconnect callbacks wake the writer.
    var continuation: AsyncStream<WatchSignal>.Continuation
    var control: WatchControl
}
