import Synchronization

/// Holds the first request a fake receiver gets until the test releases it — a destination that is slow to answer —
/// and lets the test wait until that request has arrived.
final class ChangeWatchHeldRequest: Sendable {
    private struct State {
        var arrived = false
        var released = false
        var arrivalWaiters: [CheckedContinuation<Void, Never>] = []
        var releaseWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// For the receiver: the first call waits until ``release()``; later calls return at once.
    func holdFirst() async {
        let (isFirst, arrivalWaiters): (Bool, [CheckedContinuation<Void, Never>]) = state.withLock { state in
            guard !state.arrived else { return (false, []) }
            state.arrived = true
            defer { state.arrivalWaiters = [] }
            return (true, state.arrivalWaiters)
        }
        for waiter in arrivalWaiters { waiter.resume() }
        guard isFirst else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let released = state.withLock { state in
                if !state.released { state.releaseWaiters.append(continuation) }
                return state.released
            }
            if released { continuation.resume() }
        }
    }

    /// Returns once the first request is being held.
    func waitForArrival() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let arrived = state.withLock { state in
                if !state.arrived { state.arrivalWaiters.append(continuation) }
                return state.arrived
            }
            if arrived { continuation.resume() }
        }
    }

    /// Lets the held request be answered.
    func release() {
        let waiters = state.withLock { state in
            state.released = true
            defer { state.releaseWaiters = [] }
            return state.releaseWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
