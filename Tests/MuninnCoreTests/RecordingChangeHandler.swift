import MuninnCore
import Synchronization

/// A change handler that records each call and answers from a script (errors first, then `step`).
final class RecordingChangeHandler: ChangeHandler {
    let name: String
    private let state: Mutex<(calls: [ManifestChange], failures: [any Error & Sendable])>
    private let step: ChainStep

    init(name: String = "recorder", failures: [any Error & Sendable] = [], step: ChainStep = .continue) {
        self.name = name
        self.state = Mutex((calls: [], failures: failures))
        self.step = step
    }

    /// Every call, in order (retries included).
    var calls: [ManifestChange] { state.withLock { $0.calls } }

    func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep {
        let failure: (any Error)? = state.withLock { state in
            state.calls.append(change)
            return state.failures.isEmpty ? nil : state.failures.removeFirst()
        }
        if let failure { throw failure }
        return step
    }
}

struct HandlerFailure: Error, Sendable, CustomStringConvertible {
    var description: String { "scripted handler failure" }
}
