import Synchronization

/// Failures queued by tests for the next requests.
final class FaultInjector: Sendable {
    struct Failure: Sendable, Equatable {
        var status: Int
        var retryAfter: Int?
        /// For 429: the APF `text/plain` form instead of a Status object.
        var plainText: Bool
    }

    private struct State {
        var remaining = 0
        var failure: Failure?
    }

    private let state = Mutex(State())

    func failNext(count: Int, failure: Failure) {
        state.withLock {
            $0.remaining = count
            $0.failure = failure
        }
    }

    /// The failure for the current request, consuming one from the queue.
    func takeFailure() -> Failure? {
        state.withLock { state in
            guard state.remaining > 0, let failure = state.failure else { return nil }
            state.remaining -= 1
            if state.remaining == 0 { state.failure = nil }
            return failure
        }
    }
}
