/// Which state a LIST is served from (PROTOCOL.md §3.2), decided by the request handler.
enum ListSnapshot: Sendable, Equatable {
    /// Most recent (RV unset): consistent read.
    case latest
    /// RV=N NotOlderThan: current state, but 504 if N is in the future.
    case notOlderThan(Int64)
    /// RV=N Exact: the state at N (410 once compacted).
    case exact(Int64)
    /// The snapshot and position a continue token encodes.
    case continuing(ContinueToken)
}

/// One page of a LIST.
struct ListPage: Sendable {
    var items: [StoredObject]
    var resourceVersion: Int64
    var continueToken: String?
    var remainingItemCount: Int?
}

/// The outcome of opening a watch.
enum WatchOpening: Sendable {
    /// The requested RV is older than the retained history: `too old resource version: X (Y)`.
    case tooOld(requested: Int64, oldest: Int64)
    case opened(OpenedWatch)
}

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
