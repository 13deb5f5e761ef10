import Synchronization

/// Writes the delivery stage's outcomes to the store in batches: outcomes that arrive while a batch is being written
/// go into the next one, so a burst costs one transaction per batch instead of one per send, and a pipelined lane's
/// records do not queue one by one in front of the other stages' writes.
///
/// `record` returns once its outcome is written (or given up, when the store kept failing until shutdown), so a lane
/// that waits for its last outcome waits exactly as long as before. `run` ends once `close` was called and everything
/// queued is written; its wait ignores cancellation on purpose, since attempts still finishing must have their
/// outcomes written (the delivery stage closes it after its last attempt).
final class OutcomeRecorder: Sendable {
    private struct State {
        var queued: [(attempt: DeliveryAttempt, done: CheckedContinuation<Void, Never>)] = []
        var waiter: CheckedContinuation<Void, Never>?
        var isClosed = false
    }

    /// Keeps one transaction short; a longer queue is written in several.
    static let maximumBatch = 256

    private let state = Mutex(State())

    /// Outcomes waiting for the next batch.
    var queuedCount: Int { state.withLock { $0.queued.count } }

    /// Queues `attempt` and returns once it is written.
    func record(_ attempt: DeliveryAttempt) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let waiter = state.withLock { state in
                state.queued.append((attempt, done))
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    /// No more outcomes will come: `run` returns once the queue is written.
    func close() {
        let waiter = state.withLock { state in
            state.isClosed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Writes what is queued with `write`, batch after batch, until closed and empty.
    func run(write: ([DeliveryAttempt]) async -> Void) async {
        while true {
            let (batch, isClosed) = state.withLock { state in
                let batch = Array(state.queued.prefix(Self.maximumBatch))
                state.queued.removeFirst(batch.count)
                return (batch, state.isClosed)
            }
            if !batch.isEmpty {
                await write(batch.map(\.attempt))
                for entry in batch { entry.done.resume() }
                continue
            }
            if isClosed { return }
            await withCheckedContinuation { (wake: CheckedContinuation<Void, Never>) in
                let wakeNow = state.withLock { state -> Bool in
                    if !state.queued.isEmpty || state.isClosed { return true }
                    state.waiter = wake
                    return false
                }
                if wakeNow { wake.resume() }
            }
        }
    }
}
