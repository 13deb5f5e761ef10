/// A ring of the most recent write events. Evicting an event advances `compactedThrough`: watches
/// and exact lists at or after that RV can still be served, older ones get 410 Expired.
struct EventHistory: Sendable {
    private var ring: [HistoryEvent?]
    private var head = 0
    private(set) var count = 0
    /// Every event with a resourceVersion greater than this is retained.
    private(set) var compactedThrough: Int64 = 0

    init(capacity: Int) {
        ring = Array(repeating: nil, count: max(1, capacity))
    }

    var capacity: Int { ring.count }

    mutating func append(_ event: HistoryEvent) {
        if count == ring.count {
            if let evicted = ring[head] { compactedThrough = evicted.resourceVersion }
            ring[head] = event
            head = (head + 1) % ring.count
        } else {
            ring[(head + count) % ring.count] = event
            count += 1
        }
    }

    /// Forgets everything at or before `resourceVersion`.
    mutating func compact(through resourceVersion: Int64) {
        while count > 0, let first = ring[head], first.resourceVersion <= resourceVersion {
            ring[head] = nil
            head = (head + 1) % ring.count
            count -= 1
        }
        compactedThrough = max(compactedThrough, resourceVersion)
    }

    /// Events newer than `resourceVersion`, oldest first.
    func events(after resourceVersion: Int64) -> [HistoryEvent] {
        var result: [HistoryEvent] = []
        for offset in 0..<count {
            if let event = ring[(head + offset) % ring.count], event.resourceVersion > resourceVersion {
                result.append(event)
            }
        }
        return result
    }

    /// Events newer than `resourceVersion`, newest first (for undoing them).
    func eventsNewestFirst(after resourceVersion: Int64) -> [HistoryEvent] {
        var result: [HistoryEvent] = []
        var offset = count - 1
        while offset >= 0, let event = ring[(head + offset) % ring.count], event.resourceVersion > resourceVersion {
            result.append(event)
            offset -= 1
        }
        return result
    }
}
