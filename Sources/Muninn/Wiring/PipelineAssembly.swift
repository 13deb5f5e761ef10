import AsyncHTTPClient
import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnNotifiers
import ServiceLifecycle

/// Builds the alert pipeline of `muninn run` and `muninn demo` from a validated configuration: notifiers from
/// `destinations:`, routing, repeat filters and stage settings. Notifier construction errors surface here, before
/// anything touches the cluster.
struct PipelineAssembly {
    var configuration: MuninnConfiguration
    var httpClient: HTTPClient = .notifiers
    /// Where console destinations write (stdout by default; a collector in tests).
    var consoleWrite: @Sendable (String) -> Void = StandardOutput.writeLine

    func notifiers() throws -> [String: any Notifier] {
        // The patterns were checked when the configuration was read.
        let redactor = (try? LogRedactor(extraPatterns: configuration.alerts.redactPatterns)) ?? .standard
        return try NotifierFactory(httpClient: httpClient, redactor: redactor, consoleWrite: consoleWrite).notifiers(for: configuration.destinations)
    }

    /// The pipeline service for `store`; `ready`, when given, is awaited before connecting (the demo's simulator).
    func service(
        store: any OutboxStore, notifiers: [String: any Notifier], ready: AsyncStream<Void>? = nil, kubeconfigPath: String? = nil,
        onEvent: (@Sendable (InformerEvent<Pod>, [Incident]) -> Void)? = nil, logger: Logger
    ) -> AlertPipelineService {
        let tick: Duration? = configuration.alerts.notReadyAfter.map { min(.seconds(10), max(.seconds(1), $0 / 6)) }
        let settings = AlertPipelineService.Settings(
            cluster: configuration.clusterName, kubeconfigPath: kubeconfigPath ?? configuration.kubeconfig, context: configuration.context,
            namespaces: configuration.namespaces, labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
            detector: configuration.alerts.detectorConfiguration, detection: .init(cluster: configuration.clusterName, tickInterval: tick),
            enricher: configuration.alerts.enricherConfiguration(clusterName: configuration.clusterName),
            enrichment: configuration.enrichmentSettings, delivery: configuration.deliverySettings)
        var service = AlertPipelineService(
            ready: ready, settings: settings, store: store, route: configuration.route, gate: configuration.gate,
            dispatch: NotifierDispatch.make(notifiers), pacing: NotifierDispatch.pacing(notifiers),
            onEvent: HeapTrimmer.trimmingOnSync(then: onEvent), logger: logger)
        service.pipelining = NotifierDispatch.pipelining(notifiers)
        service.changeLink = changeLink(store: store)
        return service
    }

    /// The crash link, when the change watch is configured with a window and the store keeps changes.
    func changeLink(store: any OutboxStore) -> ChangeLink? {
        guard let changes = configuration.changes, changes.settings.crashLinkWindowSeconds > 0, let changeStore = store as? any ChangeStore else {
            return nil
        }
        return ChangeLink(store: changeStore, window: .seconds(changes.settings.crashLinkWindowSeconds))
    }
}
