import Synchronization

/// Out-of-band instructions for one open watch stream, set by faults, timeouts and disconnects,
/// and read by the stream writer before it writes anything. Kept outside the event buffer so a
/// full buffer cannot swallow them.
final class WatchControl: Sendable {
    struct Pending: Sendable {
        /// End the response cleanly (as on timeout or apiserver shutdown).
        var close = false
        /// Drop the connection without finishing the chunked body.
        var abort = false
        /// Write only part of the next event, then drop the connection.
        var cutNextEvent = false
        /// Stop writing for this long.
        var stall: Duration?
    }

    private let pending = Mutex(Pending())

    func update(_ change: (inout Pending) -> Void) {
        pending.withLock { change(&$0) }
    }

    /// Returns and clears one-shot instructions; `close`, `abort` and `cutNextEvent` stay set.
    func take() -> Pending {
        pending.withLock { state in
            let current = state
            state.stall = nil
            return current
        }
    }
}
