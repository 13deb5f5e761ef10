import Foundation

/// Fault injection for tests.
extension Simulator {
    /// Ends every open watch cleanly (the chunked response finishes), as on apiserver shutdown.
    public func closeAllWatches() {
        store.forEachWatch { $0.close = true }
    }

    /// Drops every open watch connection without finishing the chunked response.
    public func abortAllWatches() {
        store.forEachWatch { $0.abort = true }
    }

    /// The next event each open watch would send is written only in part, then the connection
    /// is dropped (no terminating chunk): the client sees a truncated JSON object.
    public func cutWatchesMidEvent() {
        store.forEachWatch { $0.cutNextEvent = true }
    }

    /// Open watches stop writing for `duration` (measured on the configured clock); events keep
    /// queueing in their bounded buffers meanwhile.
    public func stallWatches(for duration: Duration) {
        store.forEachWatch { $0.stall = duration }
    }

    /// The next `count` requests fail with `status` (429, 500 or 503). `retryAfter` sets the
    /// `Retry-After` header (and `details.retryAfterSeconds`); `plainText` selects the APF
    /// `text/plain` body for 429 instead of a Status object.
    public func failNext(count: Int = 1, status: Int, retryAfter: Int? = nil, plainText: Bool = false) {
        faults.failNext(count: count, failure: .init(status: status, retryAfter: retryAfter, plainText: plainText))
    }

    /// Forgets the write history: every resourceVersion before now is too old for watches
    /// (ERROR 410) and exact lists (410), and outstanding continue tokens expire.
    public func compactHistory() {
        store.compactHistory()
    }

    /// Outstanding continue tokens answer 410 Expired from now on.
    public func expireContinueTokens() {
        store.expireContinueTokens()
    }

    /// Number of watches currently registered.
    public var openWatchCount: Int { store.openWatchCount }

    /// Denies `verb` (get, list, watch, create, update, patch, delete) on a resource for the
    /// configured user; matching requests get 403 with the RBAC message. Nil matches any.
    public func forbid(verb: String? = nil, resource: String? = nil, namespace: String? = nil) {
        accessRules.forbid(.init(verb: verb, resource: resource, namespace: namespace))
    }

    /// Removes every rule added with `forbid`.
    public func allowAll() {
        accessRules.clear()
    }
}
