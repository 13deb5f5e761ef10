import ArgumentParser
import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnDashboard
import MuninnStore
import ServiceLifecycle
import UnixSignals

/// `muninn run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch a cluster and report container crashes, restarts and start failures (the default command).",
        discussion: """
            Connects with --kubeconfig/--context (default: KUBECONFIG, ~/.kube/config, then the in-cluster \
            service account), lists and watches pods (all namespaces, or each --namespace), and sends every \
            crash, start failure and long not-ready pod to the configured destinations (Slack, DingTalk, \
            webhooks, the console) through a durable outbox in the store file (store.path, default muninn.db): \
            an alert is written before it is sent, retried until delivered, and never repeated after a restart. \
            Existing crashes are a baseline on a first start. The configuration is validated before anything is \
            sent to the cluster; a mistake names its file, line and key and exits 1. Stops cleanly on SIGTERM or SIGINT.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let configuration = try CommandSupport.resolveOrExit(options)
        LoggingBootstrap.bootstrap(level: configuration.logLevel, format: configuration.logFormat)
        let logger = Logger(label: "muninn")
        _ = MetricsBootstrap.registry  // before the pipeline creates its counters
        // Credentials and destinations are checked now, so a broken setup fails before any service starts.
        _ = try CommandSupport.kubeConfigOrExit(configuration)
        let assembly = PipelineAssembly(configuration: configuration)
        let notifiers: [String: any Notifier]
        do {
            notifiers = try assembly.notifiers()
        } catch let error as ConfigurationError {
            throw CommandSupport.fail("\(error)")
        }
        let store: SQLiteStore
        do {
            store = try await SQLiteStore.open(path: configuration.store.path, logger: Logger(label: "muninn.store"))
        } catch {
            throw CommandSupport.fail("store: \(error)")
        }
        logger.info(
            "starting", metadata: ["cluster": "\(configuration.clusterName)", "store": "\(store.path)", "destinations": "\(notifiers.keys.sorted())"])
        do {
            let pipeline = assembly.service(store: store, notifiers: notifiers, logger: logger)
            let retention = RetentionService(
                store: store,
                policy: RetentionPolicy(maximumAge: configuration.store.retentionMaxAge, maximumBytes: configuration.store.retentionMaxBytes))
            var services: [any Service] = [pipeline, retention]
            if configuration.dashboard.enabled {
                do {
                    services.append(
                        try DashboardWiring.service(
                            configuration.dashboard, store: store, metrics: MetricsBootstrap.exposition,
                            onListening: { host, port in logger.info("dashboard", metadata: ["url": "\(DashboardWiring.url(host: host, port: port))"]) },
                            logger: Logger(label: "muninn.dashboard")))
                } catch {
                    throw CommandSupport.fail("\(error)")
                }
            }
            let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
