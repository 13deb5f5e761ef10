import Synchronization

/// A write transaction's wait for the group commit that makes it durable: resolved once, by whoever commits.
final class CommitTicket: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<Void, any Error>)
        case resolved((any Error)?)
    }

    private let state = Mutex(State.pending)

    /// Returns when the group committed; throws what made it fail.
    func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome: (any Error)?? = state.withLock { state in
                switch state {
                case .resolved(let error): return .some(error)
                case .pending, .waiting:
                    state = .waiting(continuation)
                    return .none
                }
            }
            switch outcome {
            case .some(.none): continuation.resume()
            case .some(.some(let error)): continuation.resume(throwing: error)
            case .none: break
            }
        }
    }

    /// Resolves the ticket: `nil` when the group committed.
    func resolve(_ error: (any Error)?) {
        let waiting: CheckedContinuation<Void, any Error>? = state.withLock { state in
            switch state {
            case .resolved: return nil
            case .pending:
                state = .resolved(error)
                return nil
            case .waiting(let continuation):
                state = .resolved(error)
                return continuation
            }
        }
        guard let waiting else { return }
        if let error { waiting.resume(throwing: error) } else { waiting.resume() }
    }
}
