import Synchronization

/// Wakes one waiting stage when another has put work in the store: rings coalesce (ten rings while
/// nobody waits wake the next `wait()` once), so it never buffers more than one signal.
///
/// The store is the queue; the doorbell only saves the consumer from polling it.
public final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiter, or the next one when nobody waits.
    public func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.rung = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns once rung (at once if it rang since the last wait) or when the task is cancelled.
    /// One waiter at a time: a doorbell belongs to one consumer.
    public func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    // A cancelled wait must not swallow a ring meant for the next one.
                    if Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    /// Returns when rung, after `timeout` on `clock` (nil: no timeout), or on cancellation.
    public func wait(timeout: Duration?, clock: any Clock<Duration>) async {
        guard let timeout else { return await wait() }
        guard timeout > .zero else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait() }
            group.addTask { try? await clock.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }
}
