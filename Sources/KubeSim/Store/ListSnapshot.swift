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
