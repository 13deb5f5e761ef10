import Foundation
import Logging
import ServiceLifecycle

/// Stage two of the alert pipeline: takes queued incidents from the outbox, enriches them (logs, Events, node,
/// workload) with bounded concurrency off the watch loop, routes them, applies the repeat filters and commits
/// the alert with its planned deliveries. Incidents are committed in queue order, so flood control and threading
/// see them as they happened.
public struct EnrichmentService: Service {
    public struct Settings: Sendable {
        /// Incidents enriched at once (each does up to four API reads at once).
        public var concurrency: Int
        /// Incidents taken from the outbox, enriched and committed together: one transaction (and one index update
        /// of the history's search) for a batch, rather than one per incident, which is what keeps up with a burst.
        public var batchSize: Int
        /// Give each delivery a thread key so later crashes of the same container reply to the first message.
        public var threading: Bool
        public var storeRetry: RetryPolicy

        public init(
            concurrency: Int = 8, batchSize: Int = 32, threading: Bool = true,
            storeRetry: RetryPolicy = RetryPolicy(initial: .milliseconds(500), maximum: .seconds(30))
        ) {
            self.concurrency = max(1, concurrency)
            self.batchSize = max(1, batchSize)
            self.threading = threading
            self.storeRetry = storeRetry
        }
    }

    /// Decides the destinations of an enriched alert from the incident's pod labels and annotations.
    public typealias Route = @Sendable (_ alert: Alert, _ incident: Incident) -> RoutingDecision

    private let store: any OutboxStore
    private let enricher: AlertEnricher
    private let reader: any ClusterReader
    private let route: Route
    private let gate: AlertGate
    private let settings: Settings
    private let doorbell: Doorbell
    private let delivery: Doorbell
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let metrics: PipelineMetrics
    private let logger: Logger

    /// - Parameters:
    ///   - doorbell: rung by detection when incidents were queued.
    ///   - delivery: rung after deliveries were queued.
    public init(
        store: any OutboxStore, enricher: AlertEnricher, reader: any ClusterReader, route: @escaping Route, gate: AlertGate = AlertGate(),
        settings: Settings = Settings(), doorbell: Doorbell, delivery: Doorbell, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, metrics: PipelineMetrics = PipelineMetrics(),
        logger: Logger = Logger(label: "muninn.enrich")
    ) {
        self.store = store
        self.enricher = enricher
        self.reader = reader
        self.route = route
        self.gate = gate
        self.settings = settings
        self.doorbell = doorbell
        self.delivery = delivery
        self.clock = clock
        self.now = now
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            var gate = self.gate
            while !Task.isCancelled {
                let batch = try await StoreRetry.run("read queued incidents", policy: settings.storeRetry, clock: clock, logger: logger, metrics: metrics) {
                    () throws(StoreError) in try await store.incidentsAwaitingEnrichment(limit: settings.batchSize)
                }
                guard !batch.isEmpty else {
                    await doorbell.wait()
                    continue
                }
                let alerts = await enrich(batch)
                try Task.checkCancellation()
                // Decided in queue order (flood control and threading see them as they happened), stored together.
                let commits = zip(batch, alerts).map { queued, alert in decide(queued, alert: alert, gate: &gate) }
                try await StoreRetry.run("queue deliveries", policy: settings.storeRetry, clock: clock, logger: logger, metrics: metrics) {
                    () throws(StoreError) in try await store.commitAlerts(commits)
                }
                for commit in commits { report(commit) }
                delivery.ring()
            }
        }
    }

    /// The alerts of `batch`, in its order, at most `concurrency` enrichments at a time.
    private func enrich(_ batch: [QueuedIncident]) async -> [Alert] {
        await withTaskGroup(of: (Int, Alert).self) { group in
            var alerts = [Alert?](repeating: nil, count: batch.count)
            var next = 0
            func start(_ index: Int) {
                let queued = batch[index]
                group.addTask {
                    var configured = enricher
                    configured.configuration.clusterName = queued.cluster
                    return (index, await configured.enrich(queued.incident, reader: reader, logger: logger))
                }
            }
            while next < min(settings.concurrency, batch.count) {
                start(next)
                next += 1
            }
            for await (index, alert) in group {
                alerts[index] = alert
                if next < batch.count {
                    start(next)
                    next += 1
                }
            }
            return zip(batch, alerts).map { queued, alert in
                alert ?? AlertEnricher.baseAlert(for: queued.incident, cluster: queued.cluster)
            }
        }
    }

    private func decide(_ queued: QueuedIncident, alert: Alert, gate: inout AlertGate) -> AlertCommit {
        var deliveries: [PlannedDelivery] = []
        var suppression: String?
        switch route(alert, queued.incident) {
        case .suppressed(let reason):
            suppression = reason
        case .deliver(let lanes) where lanes.isEmpty:
            suppression = "no destination"
        case .deliver(let lanes):
            if let held = gate.check(alert, now: now()) {
                suppression = held
            } else {
                let threadKey = settings.threading ? AlertGate.threadKey(for: alert) : nil
                deliveries = lanes.map { PlannedDelivery(lane: $0, threadKey: threadKey) }
            }
        }
        return AlertCommit(incident: queued.id, alert: alert, deliveries: deliveries, suppression: suppression, at: now())
    }

    private func report(_ commit: AlertCommit) {
        metrics.alert(queued: commit.suppression == nil)
        if let suppression = commit.suppression {
            logger.info("alert not delivered", metadata: ["id": "\(commit.alert.id)", "reason": "\(suppression)"])
        } else {
            logger.debug("alert queued", metadata: ["id": "\(commit.alert.id)", "lanes": "\(commit.deliveries.map(\.lane.description))"])
        }
    }
}
