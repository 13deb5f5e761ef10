/// What the store hands a watch stream writer through its bounded buffer.
enum WatchSignal: Sendable {
    case event(WatchEventType, StoredObject)
    /// A bookmark at this resourceVersion (every event before it has been queued already).
    case bookmark(Int64)
    /// Nothing to write; look at the watch's `WatchControl` (faults, timeout, disconnect).
    case wake
}
