import Foundation
import Synchronization

/// The delivery stage's drain after graceful shutdown began: when it ends (on the injected `now`), whether its
/// timer ran out, and the bell that stops the timer once the outbox is empty.
final class DrainState: Sendable {
    private struct State {
        var endsAt: Date?
        var expired = false
    }

    private let state = Mutex(State())
    /// Rung when the stage stops, so the timer does not outlive it.
    let finished = Doorbell()

    /// Starts the drain; false when it had started already.
    func begin(endsAt: Date) -> Bool {
        state.withLock { state in
            guard state.endsAt == nil else { return false }
            state.endsAt = endsAt
            return true
        }
    }

    var endsAt: Date? { state.withLock { $0.endsAt } }
    var expired: Bool { state.withLock { $0.expired } }

    func expire() {
        state.withLock { $0.expired = true }
    }
}
