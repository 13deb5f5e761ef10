import Synchronization

/// Requests a fake leaves unanswered, to reproduce timeouts: each held request waits until the
/// fake stops (its `withFake…` scope ends) and is never processed, as if lost on the way.
final class FakeHold: Sendable {
    private struct State {
        var remaining = 0
        var released = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func add(_ count: Int) { state.withLock { $0.remaining += max(0, count) } }

    /// Holds no further request; those already held stay held.
    func stopHolding() { state.withLock { $0.remaining = 0 } }

    /// Whether the current request is one to hold (and counts it).
    func take() -> Bool {
        state.withLock { state in
            guard state.remaining > 0, !state.released else { return false }
            state.remaining -= 1
            return true
        }
    }

    /// Suspends until ``releaseAll()``.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let released = state.withLock { state in
                if !state.released { state.waiters.append(continuation) }
                return state.released
            }
            if released { continuation.resume() }
        }
    }

    /// Lets every held request finish, so the server can stop.
    func releaseAll() {
        let waiters = state.withLock { state in
            state.released = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
