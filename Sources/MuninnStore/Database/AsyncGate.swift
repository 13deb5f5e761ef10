import Synchronization

/// Lets one caller at a time through, in arrival order, without blocking a thread while others wait.
///
/// SQLite allows one writer anyway, and a transaction spans several statements on one connection: the
/// gate keeps another caller's statements from landing inside it. Waiters are bounded by the number of
/// concurrent callers; a waiter is not abandoned on cancellation because store operations are short and
/// a half-finished transaction must still be committed or rolled back.
final class AsyncGate: Sendable {
    private struct State {
        var isHeld = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    init() {}

    /// Runs `body` once every earlier caller has finished.
    func withExclusiveAccess<T>(_ body: () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    /// Whether callers are waiting to get through (asked by the holder).
    var hasWaiters: Bool {
        state.withLock { !$0.waiters.isEmpty }
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let enterNow = state.withLock { state in
                if state.isHeld {
                    state.waiters.append(continuation)
                    return false
                }
                state.isHeld = true
                return true
            }
            if enterNow { continuation.resume() }
        }
    }

    private func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.isHeld = false
                return nil
            }
            // Ownership passes straight to the next waiter, so nobody can overtake it.
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
