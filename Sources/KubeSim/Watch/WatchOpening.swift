/// The outcome of opening a watch.
enum WatchOpening: Sendable {
    /// The requested RV is older than the retained history: `too old resource version: X (Y)`.
    case tooOld(requested: Int64, oldest: Int64)
    case opened(OpenedWatch)
}
