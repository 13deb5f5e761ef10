import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnCore
import ServiceLifecycle

/// The alert pipeline against one cluster: one detection stage per watched namespace (or one for the whole
/// cluster), one enrichment stage and one delivery stage, meeting in the outbox. It connects first (in the demo
/// only once `ready` says the simulator listens), restores the detector's saved memory, and runs the stages until
/// shutdown; what is in the outbox then is delivered after the next start.
struct AlertPipelineService: Service {
    struct Settings: Sendable {
        var cluster: String
        var kubeconfigPath: String?
        var context: String?
        var namespaces: [String]
        var labelSelector: String?
        var fieldSelector: String?
        var detector = CrashDetector.Configuration()
        var detection: DetectionService<Reflector<Pod>>.Settings
        var enricher = AlertEnricher.Configuration()
        var enrichment = EnrichmentService.Settings()
        var delivery = DeliveryService.Settings()
        /// See `ReflectorStateMachine.init`. Pods are listed in pages of 500 (consistent reads, as kubectl lists), so
        /// memory is bounded by one page: a list from the watch cache ignores `limit`, and on a 150,000-pod cluster
        /// would be one 2 GB response.
        var listFromWatchCache = false
    }

    var ready: AsyncStream<Void>?
    var settings: Settings
    var store: any OutboxStore
    var route: EnrichmentService.Route
    var gate: AlertGate
    var dispatch: DeliveryService.Dispatch
    var pacing: @Sendable (DeliveryLane) -> Duration
    var pipelining: @Sendable (DeliveryLane) -> Int = { _ in 1 }
    /// Sees every pod event (the demo prints pod changes).
    var onEvent: (@Sendable (InformerEvent<Pod>, [Incident]) -> Void)?
    var logger: Logger
    /// Where crashes find their workload's change shortly before (the change watch's history); nil: no link.
    var changeLink: ChangeLink? = nil

    func run() async throws {
        if let ready {
            var iterator = ready.makeAsyncIterator()
            guard await iterator.next() != nil else { return }
        }
        let config = try KubeConfig.load(kubeconfigPath: settings.kubeconfigPath, context: settings.context)
        logger.info("connecting", metadata: ["server": "\(config.server)", "origin": "\(config.origin)", "cluster": "\(settings.cluster)"])
        let saved = try await store.detectionState(cluster: settings.cluster)
        if let saved {
            logger.info("restored detector memory", metadata: ["pods": "\(saved.pods.count)"])
        } else {
            logger.info("first start for this cluster: existing problems are a baseline")
        }
        try await KubeClient.withKubeClient(config: config, logger: logger) { client in
            let enrichmentBell = Doorbell()
            let deliveryBell = Doorbell()
            let metrics = PipelineMetrics()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for namespace in settings.namespaces.isEmpty ? [nil] : settings.namespaces.map(Optional.some) {
                    let progress = ListProgressReporter(resource: "pods", namespace: namespace, logger: logger)
                    let events = client.reflector(
                        for: .pods, namespace: namespace, labelSelector: settings.labelSelector, fieldSelector: settings.fieldSelector,
                        as: Pod.self, listFromWatchCache: settings.listFromWatchCache, onRestart: { metrics.watchRestarted($0) },
                        onListPage: progress.record)
                    let detection = DetectionService(
                        events: events, detector: CrashDetector(configuration: settings.detector, restoring: saved.map { Self.scoped($0, to: namespace) }),
                        store: store, settings: settings.detection, enrichment: enrichmentBell, onEvent: onEvent,
                        logger: Logger(label: "muninn.detect"))
                    group.addTask { try await detection.run() }
                }
                let enrichment = EnrichmentService(
                    store: store, enricher: AlertEnricher(configuration: settings.enricher, changeLink: changeLink), reader: CachingClusterReader(wrapping: KubeClusterReader(client: client)),
                    route: route, gate: gate, settings: settings.enrichment, doorbell: enrichmentBell, delivery: deliveryBell,
                    logger: Logger(label: "muninn.enrich"))
                group.addTask { try await enrichment.run() }
                let delivery = DeliveryService(
                    store: store, dispatch: dispatch, pacing: pacing, pipelining: pipelining, settings: settings.delivery, doorbell: deliveryBell,
                    logger: Logger(label: "muninn.deliver"))
                group.addTask { try await delivery.run() }
                // Whatever is already queued (from before a restart) goes on at once.
                enrichmentBell.ring()
                deliveryBell.ring()
                try await group.waitForAll()
            }
        }
    }

    /// The part of the saved memory one namespace's detector owns: it forgets, at the end of its first list,
    /// every pod it restored but did not see, so it must not be given other namespaces' pods.
    static func scoped(_ state: DetectionState, to namespace: String?) -> DetectionState {
        guard let namespace else { return state }
        var scoped = state
        scoped.pods = state.pods.filter { $0.namespace == namespace }
        return scoped
    }
}
