import CoreMetrics
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the history within its `RetentionPolicy`: prunes at start and then every `interval` on the
/// injected clock, logging what it removed. A failed prune is logged and tried again next time; it never
/// stops Muninn. After each prune the gauge `muninn_store_bytes` holds the size of the incident records left
/// (`PruneResult.bytesRemaining`: the stores' own bookkeeping, not the file size).
public struct RetentionService: Service {
    private let store: any HistoryStore
    private let policy: RetentionPolicy
    private let interval: Duration
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let storeBytes: Gauge

    /// - Parameter metrics: where `muninn_store_bytes` goes (the process's bootstrapped backend by default).
    public init(
        store: any HistoryStore, policy: RetentionPolicy, interval: Duration = .seconds(3600), clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "muninn.retention"),
        metrics: any MetricsFactory = MetricsSystem.factory
    ) {
        self.store = store
        self.policy = policy
        self.interval = interval
        self.clock = clock
        self.now = now
        self.logger = logger
        self.storeBytes = Gauge(label: "muninn_store_bytes", factory: metrics)
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await pruneOnce()
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch {
                // Cancelled or shutting down: a prune in flight has finished, nothing is left half done.
                return
            }
        }
    }

    /// One prune, logged; nil when the store failed (logged as an error).
    @discardableResult
    public func pruneOnce() async -> PruneResult? {
        do {
            let result = try await store.prune(policy, now: now())
            storeBytes.record(result.bytesRemaining)
            let metadata: Logger.Metadata = [
                "removedByAge": "\(result.removedByAge)", "removedBySize": "\(result.removedBySize)",
                "deliveriesRemoved": "\(result.deliveriesRemoved)", "bytesFreed": "\(result.bytesFreed)",
                "keptInFlight": "\(result.keptInFlight)", "bytesRemaining": "\(result.bytesRemaining)",
                "changesRemoved": "\(result.changesRemoved)",
            ]
            if result.removed > 0 || result.keptInFlight > 0 || result.changesRemoved > 0 {
                logger.info("pruned the incident history", metadata: metadata)
            } else {
                logger.debug("incident history within its retention", metadata: metadata)
            }
            return result
        } catch {
            logger.error("pruning the incident history failed; trying again later", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
