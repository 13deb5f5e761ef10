/// The reflector's decisions, as a value type without I/O: what to do next (list, watch, wait), and what each
/// list item, watch event or failure means. Keeps only key → resourceVersion per object (never whole objects),
/// so 150,000 pods cost tens of MB at most.
///
/// Rules (client-go tools/cache/reflector.go): list with resourceVersion "0" first (cache, any staleness);
/// after a watch expired (410), relist from the last resourceVersion; if that list is itself expired, relist
/// with "" (consistent read). Watch from the list's resourceVersion with bookmarks and a random 300–600 s
/// timeout; a clean end re-watches at once from the last resourceVersion; 429, 5xx and network errors back off
/// exponentially with jitter; the backoff resets after a received event; 401/403 and other errors are thrown.
public struct ReflectorStateMachine: Sendable {
    /// What the reflector does next.
    public enum Step: Sendable, Equatable {
        /// List from `resourceVersion` (`"0"`, `""` or a previous RV); `limit` is the page size or nil for no paging.
        case list(resourceVersion: String, limit: Int?)
        case watch(resourceVersion: String, timeoutSeconds: Int)
        /// Sleep, then ask again.
        case wait(Duration)
    }

    /// What a list item or watch event means for the consumer.
    public enum Change: Sendable, Equatable {
        case added
        case modified
        case deleted
        /// Nothing to emit (unchanged resourceVersion on relist, bookmark).
        case none
    }

    public static let pageSize = 500

    public private(set) var lastResourceVersion = ""
    public private(set) var backoff: Backoff
    private var knownVersions: [ObjectKey: String] = [:]
    private var seenInList: Set<ObjectKey> = []
    private var lastListExpired = false
    private var nextIsList = true
    private var pendingDelay: Duration?
    private var eventsInWatch = 0
    private let random: @Sendable () -> Double
    private let listFromWatchCache: Bool

    /// - Parameters:
    ///   - listFromWatchCache: `true` (client-go): lists use resourceVersion "0" (served from the API server's
    ///     cache, cheap for the server, but it ignores `limit`, so the whole list arrives in one response) and
    ///     relists use the last resourceVersion. `false`: every list is a consistent read paged by 500, which keeps
    ///     the client's memory bounded by one page on very large clusters.
    ///   - random: a source of values in [0, 1) for jitter and watch timeouts.
    public init(
        backoff: Backoff = Backoff(), listFromWatchCache: Bool = true,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.backoff = backoff
        self.listFromWatchCache = listFromWatchCache
        self.random = random
    }

    /// The number of objects currently known.
    public var knownCount: Int { knownVersions.count }

    /// The resourceVersion last seen for `key`.
    public func knownVersion(of key: ObjectKey) -> String? { knownVersions[key] }

    // MARK: - Next step

    public mutating func nextStep() -> Step {
        if let delay = pendingDelay {
            pendingDelay = nil
            return .wait(delay)
        }
        if nextIsList {
            let resourceVersion =
                lastListExpired || !listFromWatchCache ? "" : (lastResourceVersion.isEmpty ? "0" : lastResourceVersion)
            // Paging only for "0" and "": a list at a specific RV with a limit would be an Exact read that
            // cannot be served from the watch cache (client-go disables paging there too).
            let limit = resourceVersion == "0" || resourceVersion.isEmpty ? Self.pageSize : nil
            return .list(resourceVersion: resourceVersion, limit: limit)
        }
        eventsInWatch = 0
        let timeout = 300 + min(Int(random() * 300), 299)
        return .watch(resourceVersion: lastResourceVersion, timeoutSeconds: timeout)
    }

    // MARK: - List

    /// A list (first page) is about to be read; also after a restart of an expired paged list.
    public mutating func listStarted() {
        seenInList.removeAll(keepingCapacity: true)
    }

    /// One listed item: `.added` if new, `.modified` if its resourceVersion changed, `.none` if unchanged.
    public mutating func listed(_ key: ObjectKey, resourceVersion: String?) -> Change {
        seenInList.insert(key)
        let version = resourceVersion ?? ""
        let previous = knownVersions.updateValue(version, forKey: key)
        switch previous {
        case nil: return .added
        case .some(let old) where old == version && !version.isEmpty: return .none
        default: return .modified
        }
    }

    /// The list finished at snapshot `resourceVersion`. Returns the keys that vanished (synthetic deletes), sorted.
    public mutating func listCompleted(resourceVersion: String?) -> [ObjectKey] {
        let vanished = knownVersions.keys.filter { !seenInList.contains($0) }.sorted()
        for key in vanished { knownVersions.removeValue(forKey: key) }
        seenInList.removeAll()
        lastResourceVersion = resourceVersion ?? ""
        lastListExpired = false
        nextIsList = false
        return vanished
    }

    /// The list failed. Expired → relist with "" at once; 429/5xx/network → back off; anything else is rethrown.
    public mutating func listFailed(_ error: any Error) throws {
        if case KubeAPIError.expired = error {
            lastListExpired = true
            nextIsList = true
            return
        }
        try scheduleRetry(after: error)
        nextIsList = true
    }

    // MARK: - Watch

    /// A watch event arrived; returns what to emit. Every event resets the backoff; a bookmark only moves the resourceVersion.
    public mutating func received(_ event: WatchEventKind, key: ObjectKey?, resourceVersion: String?) -> Change {
        switch event {
        case .added, .modified:
            eventsInWatch += 1
            backoff.reset()
            if let resourceVersion, !resourceVersion.isEmpty { lastResourceVersion = resourceVersion }
            guard let key else { return .none }
            let previous = knownVersions.updateValue(resourceVersion ?? "", forKey: key)
            return previous == nil ? .added : .modified
        case .deleted:
            eventsInWatch += 1
            backoff.reset()
            if let resourceVersion, !resourceVersion.isEmpty { lastResourceVersion = resourceVersion }
            if let key { knownVersions.removeValue(forKey: key) }
            return .deleted
        case .bookmark:
            eventsInWatch += 1
            if let resourceVersion, !resourceVersion.isEmpty { lastResourceVersion = resourceVersion }
            return .none
        }
    }

    /// An ERROR event: 410 → relist from the last resourceVersion; anything else → back off and re-watch.
    public mutating func receivedError(_ status: Status) {
        if status.isExpired {
            nextIsList = true
        } else {
            let retryAfter = status.details?.retryAfterSeconds.flatMap { $0 > 0 ? Duration.seconds($0) : nil }
            pendingDelay = delay(honouring: retryAfter)
        }
    }

    /// The server ended the stream cleanly: re-watch from the last resourceVersion at once, unless the watch
    /// delivered nothing within a second (a broken server or proxy), which backs off instead.
    public mutating func watchEnded(after elapsed: Duration) {
        if eventsInWatch == 0, elapsed < .seconds(1) {
            pendingDelay = backoff.next(random: random())
        }
    }

    /// The watch could not be opened or broke. HTTP 410 → relist; 429/5xx/network → back off and re-watch;
    /// anything else (401, 403, 400, …) is rethrown.
    public mutating func watchFailed(_ error: any Error) throws {
        if case KubeAPIError.expired = error {
            nextIsList = true
            return
        }
        try scheduleRetry(after: error)
    }

    // MARK: - Helpers

    private mutating func scheduleRetry(after error: any Error) throws {
        switch error {
        case KubeAPIError.tooManyRequests(_, let retryAfter), KubeAPIError.serverError(_, let retryAfter):
            pendingDelay = delay(honouring: retryAfter)
        case KubeAPIError.transport, KubeAPIError.decoding:
            pendingDelay = backoff.next(random: random())
        default:
            throw error
        }
    }

    private mutating func delay(honouring retryAfter: Duration?) -> Duration {
        let computed = backoff.next(random: random())
        guard let retryAfter else { return computed }
        return max(retryAfter, computed)
    }
}
