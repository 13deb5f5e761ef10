import MuninnCore
import Synchronization

/// A change handler that takes `duration` on the injected clock for each change, like a destination that answers
/// slowly: a "notification" counts once the handler returned.
final class SlowChangeHandler: ChangeHandler {
    let name = "slow"
    private let clock: any Clock<Duration>
    private let duration: Duration
    private let state = Mutex<(started: [ManifestChange], finished: [ManifestChange])>((started: [], finished: []))

    init(clock: any Clock<Duration>, duration: Duration) {
        self.clock = clock
        self.duration = duration
    }

    /// Changes whose handling began, in order.
    var started: [ManifestChange] { state.withLock { $0.started } }
    /// Changes the handler finished with: the notifications sent.
    var finished: [ManifestChange] { state.withLock { $0.finished } }

    func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep {
        state.withLock { $0.started.append(change) }
        try await clock.sleep(for: duration)
        state.withLock { $0.finished.append(change) }
        return .continue
    }
}
