import KubeAPI
import Logging
import ServiceLifecycle

/// Runs services only while this replica leads: campaigns for the lease, starts a fresh set of services when it
/// wins, cancels them at once when the lease is lost (then campaigns again), and on graceful shutdown lets them
/// drain before handing the lease over. Everything the services need to continue exactly where the previous
/// leader stopped is in the shared store (outbox, detector memory, change baselines), so a new term starts from it.
public struct LeaderGatedService: Service {
    let elector: LeaderElector
    let makeServices: @Sendable () -> [any Service]
    let onLeadershipChange: @Sendable (Bool) -> Void
    let logger: Logger

    /// - Parameters:
    ///   - makeServices: the services of one term; called at the start of every term, since a service that was
    ///     cancelled cannot be run again.
    ///   - onLeadershipChange: told `true` when a term starts and `false` when it ends (metrics, readiness).
    public init(
        elector: LeaderElector, logger: Logger, onLeadershipChange: @escaping @Sendable (Bool) -> Void = { _ in },
        makeServices: @escaping @Sendable () -> [any Service]
    ) {
        self.elector = elector
        self.makeServices = makeServices
        self.onLeadershipChange = onLeadershipChange
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await elector.acquire() }
            } catch is CancellationError {
                return
            }
            if Task.isShuttingDownGracefully {
                await elector.release()
                return
            }
            onLeadershipChange(true)
            let services = makeServices()
            let logger = logger
            let outcome: LeadershipOutcome
            do {
                outcome = try await elector.lead {
                    // The inner group follows the outer one's graceful shutdown (task-local), so a shutdown drains it.
                    try await ServiceGroup(services: services, gracefulShutdownSignals: [], logger: logger).run()
                }
            } catch {
                onLeadershipChange(false)
                await elector.release()
                throw error
            }
            onLeadershipChange(false)
            switch outcome {
            case .workFinished:
                // Cancelled (not a graceful shutdown): no request can be made any more; the lease expires instead.
                if !Task.isCancelled { await elector.release() }
                return
            case .lost:
                logger.warning("leadership lost: campaigning again")
            }
        }
    }
}
