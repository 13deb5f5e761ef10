/// A watch known to the store: what it selects and where its events go.
struct WatcherRegistration: Sendable {
    let id: Int
    let namespace: String?
    let labelSelector: LabelSelector
    let fieldSelector: FieldSelector
    /// Events at or before this resourceVersion are not delivered (a watch from a future RV).
    let afterResourceVersion: Int64
    let continuation: AsyncStream<WatchSignal>.Continuation
    let control: WatchControl

    func matches(_ object: StoredObject) -> Bool {
        if let namespace, object.key.namespace != namespace { return false }
        return labelSelector.matches(object.labels) && fieldSelector.matches(object.fields)
    }

    /// The event this watcher sees for a write, applying selector transitions (PROTOCOL.md §4.3).
    func view(of event: HistoryEvent) -> (WatchEventType, StoredObject)? {
        guard event.resourceVersion > afterResourceVersion else { return nil }
        switch event.type {
        case .added:
            return matches(event.object) ? (.added, event.object) : nil
        case .deleted:
            return matches(event.object) ? (.deleted, event.object) : nil
        case .modified:
            let was = event.previous.map(matches) ?? false
            let isNow = matches(event.object)
            switch (was, isNow) {
            case (true, true): return (.modified, event.object)
            case (false, true): return (.added, event.object)
            case (true, false):
                guard let previous = event.previous else { return nil }
                return (.deleted, previous.withResourceVersion(event.resourceVersion))
            case (false, false): return nil
            }
        case .bookmark, .error:
            return nil
        }
    }
}
