import Synchronization

/// What the churn has done so far, published after every step for the sampler, which runs beside it.
final class SoakGauge: Sendable {
    struct Figures: Sendable {
        /// Pods that exist (running, starting or terminating).
        var pods = 0
        var crashes = 0
        /// Rollouts and ConfigMap edits.
        var changes = 0
    }

    private let figures = Mutex(Figures())

    var current: Figures { figures.withLock { $0 } }

    func publish(_ new: Figures) { figures.withLock { $0 = new } }
}
