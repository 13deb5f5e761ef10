import Foundation
import KubeJSON
import Synchronization

/// All objects of all resources, one global resourceVersion counter, the bounded write history
/// and the registered watches. Every write goes through `commit`, which assigns the next RV,
/// records the event and hands it to each matching watcher's bounded buffer while holding the
/// lock, so watchers see writes in RV order.
final class ObjectStore: Sendable {
    struct Table: Sendable {
        var objects: [ObjectKey: StoredObject] = [:]
        /// Keys in order as of the last merge; may still hold keys deleted since.
        private var sortedKeys: [ObjectKey] = []
        /// Keys inserted since the last merge, unsorted. Merging them in (O(n)) instead of
        /// re-sorting everything keeps lists cheap while pods churn.
        private var pendingKeys: [ObjectKey] = []
        /// Keys deleted since the last merge (they may have been inserted again since).
        private var removedKeys: [ObjectKey] = []
        let fields: SelectableFields

        init(fields: SelectableFields) { self.fields = fields }

        /// Up to this many changes since the last list are patched into the order one by one (a binary search
        /// each); more are merged in one pass over all keys. A crash adds a few Events, and each alert lists the
        /// pod's Events: a full merge per list made the simulator's CPU grow with every Event ever written.
        static let maximumPatchedChanges = 64

        mutating func noteInserted(_ key: ObjectKey) {
            pendingKeys.append(key)
            // Bound the pending list even if nobody lists this resource.
            if pendingKeys.count > max(4096, objects.count) { _ = keysInOrder() }
        }

        mutating func noteRemoved(_ key: ObjectKey) {
            removedKeys.append(key)
            if removedKeys.count > max(4096, objects.count) { _ = keysInOrder() }
        }

        mutating func keysInOrder() -> [ObjectKey] {
            if pendingKeys.isEmpty && removedKeys.isEmpty { return sortedKeys }
            if pendingKeys.count + removedKeys.count <= Self.maximumPatchedChanges {
                patchKeys()
            } else {
                mergeKeys()
            }
            pendingKeys = []
            removedKeys = []
            return sortedKeys
        }

        private mutating func patchKeys() {
            for key in removedKeys where objects[key] == nil {
                let index = Self.firstIndex(notBelow: key, in: sortedKeys)
                if index < sortedKeys.count, sortedKeys[index] == key { sortedKeys.remove(at: index) }
            }
            for key in pendingKeys where objects[key] != nil {
                let index = Self.firstIndex(notBelow: key, in: sortedKeys)
                if index == sortedKeys.count || sortedKeys[index] != key { sortedKeys.insert(key, at: index) }
            }
        }

        private mutating func mergeKeys() {
            let added = pendingKeys.sorted()
            var merged: [ObjectKey] = []
            merged.reserveCapacity(objects.count)
            var i = 0
            var j = 0
            while i < sortedKeys.count || j < added.count {
                let key: ObjectKey
                if j >= added.count || (i < sortedKeys.count && sortedKeys[i] <= added[j]) {
                    key = sortedKeys[i]
                    i += 1
                } else {
                    key = added[j]
                    j += 1
                }
                if objects[key] != nil, merged.last != key { merged.append(key) }
            }
            sortedKeys = merged
        }

        private static func firstIndex(notBelow key: ObjectKey, in keys: [ObjectKey]) -> Int {
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    struct State: Sendable {
        var currentResourceVersion: Int64
        var tables: [StorageKey: Table] = [:]
        var history: EventHistory
        /// Continue tokens for snapshots before this RV are expired (`expireContinueTokens()`).
        var continueTokensValidFrom: Int64 = 0
        var tokenIssuedAt: [Int64: Date] = [:]
        var watchers: [StorageKey: [Int: WatcherRegistration]] = [:]
        var nextWatcherID = 1

    }

    private let state: Mutex<State>
    private let watchBufferSize: Int
    private let continueTokenLifetime: Duration
    private let now: @Sendable () -> Date

    init(historyWindow: Int, watchBufferSize: Int, continueTokenLifetime: Duration,
         initialResourceVersion: Int64 = 1, now: @escaping @Sendable () -> Date) {
        state = Mutex(State(currentResourceVersion: initialResourceVersion, history: EventHistory(capacity: historyWindow)))
        self.watchBufferSize = max(1, watchBufferSize)
        self.continueTokenLifetime = continueTokenLifetime
        self.now = now
    }

    var currentResourceVersion: Int64 { state.withLock { $0.currentResourceVersion } }

    func get(_ storage: StorageKey, _ key: ObjectKey) -> StoredObject? {
        state.withLock { $0.tables[storage]?.objects[key] }
    }

    func selectableFields(_ storage: StorageKey) -> SelectableFields {
        .forResource(group: storage.group, resource: storage.resource)
    }

    // MARK: Writes

    enum CommitResult: Sendable {
        case written(WatchEventType, StoredObject)
        /// The write changed nothing; no new resourceVersion was used.
        case unchanged(StoredObject)
        /// `transform` returned nil for an absent object.
        case absent

        var object: StoredObject? {
            switch self {
            case .written(_, let object), .unchanged(let object): object
            case .absent: nil
            }
        }
    }

    /// Reads the current object, lets `transform` compute the new one (nil deletes), and commits it
    /// under one lock so read-modify-write is atomic. `transform` may throw a Status (conflicts).
    @discardableResult
    func commit(
        _ storage: StorageKey, _ key: ObjectKey,
        _ transform: (StoredObject?) throws(APIStatus) -> JSONValue?
    ) throws(APIStatus) -> CommitResult {
        try state.withLock { state throws(APIStatus) -> CommitResult in
            // Take the table out of the dictionary while mutating it: a copy left behind would make
            // every write copy all objects of the resource.
            var table = state.tables.removeValue(forKey: storage)
                ?? Table(fields: .forResource(group: storage.group, resource: storage.resource))
            defer { state.tables[storage] = table }
            let current = table.objects[key]
            let replacement = try transform(current)
            let rv = state.currentResourceVersion + 1
            let event: HistoryEvent
            switch (current, replacement) {
            case (nil, nil):
                return .absent
            case (let old?, nil):
                let deleted = old.withResourceVersion(rv)
                table.objects[key] = nil
                table.noteRemoved(key)
                event = HistoryEvent(resourceVersion: rv, storage: storage, type: .deleted, object: deleted, previous: old)
            case (let old, let new?):
                // Serialise once with the old RV: equal bytes mean a no-op write (no new RV, no event).
                let candidate = StoredObject(object: new, key: key, resourceVersion: old?.resourceVersion ?? rv,
                                             fieldsOf: table.fields)
                if let old, candidate.bytes == old.bytes { return .unchanged(old) }
                let stored = old == nil ? candidate : candidate.withResourceVersion(rv)
                table.objects[key] = stored
                if old == nil { table.noteInserted(key) }
                event = HistoryEvent(resourceVersion: rv, storage: storage, type: old == nil ? .added : .modified,
                                     object: stored, previous: old)
            }
            state.currentResourceVersion = rv
            state.history.append(event)
            Self.dispatch(event, in: &state)
            return .written(event.type, event.object)
        }
    }

    private static func dispatch(_ event: HistoryEvent, in state: inout State) {
        guard let watchers = state.watchers[event.storage] else { return }
        for (id, watcher) in watchers {
            guard let view = watcher.view(of: event) else { continue }
            if case .dropped = watcher.continuation.yield(.event(view.0, view.1)) {
                // Too far behind: close it, as the real server closes slow watchers. The client
                // re-watches from the last RV it received.
                watcher.control.update { $0.close = true }
                watcher.continuation.finish()
                state.watchers[event.storage]?[id] = nil
            }
        }
    }

    // MARK: Lists

    func list(
        _ storage: StorageKey, namespace: String?, labelSelector: LabelSelector, fieldSelector: FieldSelector,
        limit: Int?, snapshot: ListSnapshot
    ) throws(APIStatus) -> ListPage {
        let now = self.now()
        return try state.withLock { state throws(APIStatus) -> ListPage in
            let current = state.currentResourceVersion
            var snapshotRV = current
            var resumeAfter: String?
            switch snapshot {
            case .latest:
                break
            case .notOlderThan(let rv):
                if rv > current { throw APIStatus.tooLargeResourceVersion(requested: rv, current: current) }
            case .exact(let rv):
                if rv > current { throw APIStatus.tooLargeResourceVersion(requested: rv, current: current) }
                if rv < state.history.compactedThrough {
                    throw APIStatus.expired("The resourceVersion for the provided list is too old.")
                }
                snapshotRV = rv
            case .continuing(let token):
                let issued = state.tokenIssuedAt[token.resourceVersion]
                let outlived = issued.map { now.timeIntervalSince($0) > continueTokenLifetime.seconds } ?? false
                if token.resourceVersion < state.history.compactedThrough
                    || token.resourceVersion < state.continueTokensValidFrom || outlived || token.resourceVersion > current
                {
                    throw APIStatus.expired(
                        "The provided continue parameter is too old to display a consistent list result. "
                            + "You can start a new list without the continue parameter.")
                }
                snapshotRV = token.resourceVersion
                resumeAfter = token.resumeAfterPath
            }
            var table = state.tables.removeValue(forKey: storage)
                ?? Table(fields: .forResource(group: storage.group, resource: storage.resource))
            let keys = table.keysInOrder()
            state.tables[storage] = table
            var overlay: [ObjectKey: StoredObject?] = [:]
            if snapshotRV < current {
                for event in state.history.eventsNewestFirst(after: snapshotRV) where event.storage == storage {
                    overlay[event.object.key] = .some(event.previous)
                }
            }
            var cursor = SnapshotCursor(keys: keys, objects: table.objects, overlay: overlay,
                                        prefix: namespace.map { "\($0)/" }, after: resumeAfter)
            let selecting = !labelSelector.isEmpty || !fieldSelector.isEmpty
            var items: [StoredObject] = []
            var lastKey: ObjectKey?
            while limit.map({ items.count < $0 }) ?? true, let object = cursor.next() {
                lastKey = object.key
                if labelSelector.matches(object.labels) && fieldSelector.matches(object.fields) {
                    items.append(object)
                }
            }
            var page = ListPage(items: items, resourceVersion: snapshotRV)
            if limit != nil, let lastKey, cursor.hasMore() {
                page.continueToken = ContinueToken(resourceVersion: snapshotRV, start: lastKey.path + "\u{0}").encoded()
                if state.tokenIssuedAt[snapshotRV] == nil { state.tokenIssuedAt[snapshotRV] = now }
                if !selecting { page.remainingItemCount = cursor.remainingCount() }
                if state.tokenIssuedAt.count > 4096 {
                    state.tokenIssuedAt = state.tokenIssuedAt.filter { now.timeIntervalSince($0.value) <= continueTokenLifetime.seconds }
                }
            }
            return page
        }
    }

    // MARK: Watches

    func watch(
        _ storage: StorageKey, namespace: String?, labelSelector: LabelSelector, fieldSelector: FieldSelector,
        from resourceVersion: Int64?
    ) -> WatchOpening {
        state.withLock { state in
            let current = state.currentResourceVersion
            if let resourceVersion, resourceVersion < state.history.compactedThrough {
                return .tooOld(requested: resourceVersion, oldest: state.history.compactedThrough)
            }
            let (stream, continuation) = AsyncStream.makeStream(
                of: WatchSignal.self, bufferingPolicy: .bufferingOldest(watchBufferSize))
            let id = state.nextWatcherID
            state.nextWatcherID += 1
            let registration = WatcherRegistration(
                id: id, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector,
                afterResourceVersion: max(resourceVersion ?? current, current), continuation: continuation,
                control: WatchControl())
            var initial: [(WatchEventType, StoredObject)] = []
            if let resourceVersion {
                let replaying = WatcherRegistration(
                    id: id, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector,
                    afterResourceVersion: resourceVersion, continuation: continuation, control: registration.control)
                for event in state.history.events(after: resourceVersion) where event.storage == storage {
                    if let view = replaying.view(of: event) { initial.append(view) }
                }
            } else if let table = state.tables[storage] {
                for object in table.objects.values where registration.matches(object) {
                    initial.append((.added, object))
                }
            }
            state.watchers[storage, default: [:]][id] = registration
            return .opened(OpenedWatch(id: id, storage: storage, initialEvents: initial, initialResourceVersion: current,
                                       stream: stream, continuation: continuation, control: registration.control))
        }
    }

    func removeWatcher(_ storage: StorageKey, id: Int) {
        let removed = state.withLock { $0.watchers[storage]?.removeValue(forKey: id) }
        removed?.continuation.finish()
    }

    /// Queues a bookmark for one watcher at the newest RV it has been sent everything up to.
    func queueBookmark(_ storage: StorageKey, id: Int) {
        state.withLock { state in
            guard let watcher = state.watchers[storage]?[id] else { return }
            let rv = max(state.currentResourceVersion, watcher.afterResourceVersion)
            _ = watcher.continuation.yield(.bookmark(rv))
        }
    }

    /// Applies `change` to every open watch and wakes its writer.
    func forEachWatch(_ change: (inout WatchControl.Pending) -> Void) {
        state.withLock { state in
            for watchers in state.watchers.values {
                for watcher in watchers.values {
                    watcher.control.update(change)
                    _ = watcher.continuation.yield(.wake)
                }
            }
        }
    }

    var openWatchCount: Int { state.withLock { $0.watchers.values.reduce(0) { $0 + $1.count } } }

    // MARK: Faults

    /// Forgets the write history: every RV before now becomes too old for watches and exact lists.
    func compactHistory() {
        state.withLock { $0.history.compact(through: $0.currentResourceVersion) }
    }

    func expireContinueTokens() {
        // As after an etcd compaction in a live cluster, where other writes (node leases, events) have
        // moved the revision on: outstanding tokens are too old, a list started now is not.
        state.withLock { state in
            state.currentResourceVersion += 1
            state.continueTokensValidFrom = state.currentResourceVersion
        }
    }
}
