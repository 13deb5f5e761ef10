import ArgumentParser
import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnStore
import ServiceLifecycle
import UnixSignals

/// `muninn bench-watch` (hidden): the Muninn side of `muninn bench`, in its own process so its memory and CPU
/// are its own. It runs the real pipeline of `muninn run` (reflector over HTTP, detector, SQLite outbox,
/// enrichment, a webhook destination) and reports progress on stdout as `started|synced|events <count> <ns>`
/// lines, stamped with CLOCK_MONOTONIC.
struct BenchWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-watch", abstract: "The watcher process of `muninn bench` (internal).", shouldDisplay: false)

    @Option(help: "Kubeconfig of the simulator.")
    var kubeconfig: String

    @Option(help: "Where alerts are POSTed.")
    var webhookURL: String

    @Option(help: "The SQLite store file.")
    var store: String

    @Option(help: "Report every this many events.")
    var progressEvery = 100

    func run() async throws {
        let started = MonotonicTime.nanoseconds()
        MallocTuning.apply()  // as `muninn run` does
        LoggingBootstrap.bootstrap(level: .warning, format: .text)
        let reporter = BenchProgressReporter(every: max(1, progressEvery))
        reporter.write("started", count: 0, at: started)
        var configuration = MuninnConfiguration()
        configuration.clusterName = "bench"
        configuration.kubeconfig = kubeconfig
        configuration.destinations = [
            DestinationConfiguration(name: "sink", settings: .webhook(WebhookDestinationSettings(url: SecretValue(value: webhookURL, source: .inline))))
        ]
        configuration.routing = RoutingRules(
            destinations: [RoutingDestination(name: "sink", acceptsChannel: false)], defaultDestinations: [RouteTarget(destination: "sink")])
        // Every crash is its own alert: the benchmark measures the pipeline, not flood control's grouping.
        configuration.alerts.flood.expiry = .zero
        configuration.alerts.notReadyAfter = nil
        configuration.store.path = store
        let assembly = PipelineAssembly(configuration: configuration)
        let logger = Logger(label: "muninn.bench")
        try await SQLiteStore.withStore(path: store, logger: Logger(label: "muninn.store")) { store in
            var pipeline = assembly.service(
                store: store, notifiers: try assembly.notifiers(), onEvent: { event, _ in reporter.observe(event) }, logger: logger)
            // Pages of 500, as kubectl and the Python client list: the benchmark compares the same bytes.
            pipeline.settings.listFromWatchCache = false
            let group = ServiceGroup(services: [pipeline, SearchIndexService(store: store)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        }
    }
}
