import ArgumentParser
import CoreMetrics
import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnDashboard
import MuninnPostgres
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
            crash, start failure and long not-ready pod to the configured destinations (Slack, DingTalk, Teams, \
            Discord, Telegram, PagerDuty, Mattermost, Google Chat, Feishu, webhooks, Elasticsearch, Loki, the \
            console) through a durable outbox in the store (store.path, default muninn.db, or PostgreSQL with \
            store.dsn): an alert is written before it is sent, retried until delivered, and never repeated after a \
            restart. With changes: (or --kwatchman-config) it also watches manifests and reports their changes. \
            With leaderElection.enabled several replicas elect a leader on a Lease and only the leader detects and \
            delivers. The crash history is served on a dashboard (dashboard.listen, default 127.0.0.1:8080) and \
            pruned by store.retention. \
            Existing crashes are a baseline on a first start. The configuration is validated before anything is \
            sent to the cluster; a mistake names its file, line and key and exits 1. Stops cleanly on SIGTERM or SIGINT.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        MallocTuning.apply()  // before the event loops and the pool's threads allocate
        let configuration = try CommandSupport.resolveOrExit(options)
        LoggingBootstrap.bootstrap(level: configuration.logLevel, format: configuration.logFormat)
        let logger = Logger(label: "muninn")
        _ = MetricsBootstrap.registry  // before the pipeline creates its counters
        // Credentials and destinations are checked now, so a broken setup fails before any service starts.
        let kubeConfig = try CommandSupport.kubeConfigOrExit(configuration)
        let assembly = PipelineAssembly(configuration: configuration)
        let notifiers: [String: any Notifier]
        do {
            notifiers = try assembly.notifiers()
        } catch let error as ConfigurationError {
            throw CommandSupport.fail("\(error)")
        }
        StartupSummary(configuration: configuration, kubeConfig: kubeConfig).log(to: logger)
        // The API client warns about its own connection when it is made; these are the others, said once.
        for warning in TLSWarnings.lines(for: configuration, kube: nil) { logger.warning("\(warning)") }
        do {
            if let dsn = configuration.store.postgresDSN {
                // The pool lives around the group, so graceful shutdown of the services cannot close it under them.
                try await PostgresStore.withStore(dsn: dsn.value, logger: Logger(label: "muninn.store")) { store in
                    logger.info("store opened", metadata: ["store": "\(store.dsn)"])
                    try await runServices(store: store, assembly: assembly, notifiers: notifiers, kubeConfig: kubeConfig, logger: logger)
                }
            } else {
                try await SQLiteStore.withStore(path: configuration.store.path, logger: Logger(label: "muninn.store")) { store in
                    logger.info("store opened", metadata: ["store": "\(store.path)"])
                    try await runServices(store: store, assembly: assembly, notifiers: notifiers, kubeConfig: kubeConfig, logger: logger)
                }
            }
        } catch let error as StoreError {
            throw CommandSupport.fail("store: \(error)")
        }
    }

    /// The pipeline, the change watch and, where the store keeps a history, retention and the dashboard, in one group
    /// until SIGTERM or SIGINT. With leader election all but the dashboard run only while this replica leads.
    private func runServices(
        store: any OutboxStore, assembly: PipelineAssembly, notifiers: [String: any Notifier], kubeConfig: KubeConfig, logger: Logger
    ) async throws {
        let settings = assembly.configuration.store
        let history = store as? any HistoryStore
        let changeWatch: (any Service)?
        do {
            changeWatch = try assembly.changeWatch(store: store, notifiers: notifiers, logger: Logger(label: "muninn.changes"))
        } catch let error as ConfigurationError {
            throw CommandSupport.fail("\(error)")
        }
        let (syncs, signalSync) = StartupPageReleaseService.syncSignal()
        let pageRelease = StartupPageReleaseService(syncs: syncs)
        signalSync()  // once for start-up itself: a standby replica (leader election) never lists
        // What only the leader runs: detection and delivery of alerts and changes, and pruning.
        let leading: @Sendable () -> [any Service] = {
            let onEvent: @Sendable (InformerEvent<Pod>, [Incident]) -> Void = { event, _ in
                if case .synced = event { signalSync() }
            }
            var services: [any Service] = [assembly.service(store: store, notifiers: notifiers, onEvent: onEvent, logger: logger)]
            if let changeWatch { services.append(changeWatch) }
            // SQLite indexes the history for search behind the alerts, not in their commits.
            if let sqlite = store as? SQLiteStore { services.append(SearchIndexService(store: sqlite)) }
            if let history {
                services.append(
                    RetentionService(
                        store: history, policy: RetentionPolicy(maximumAge: settings.retentionMaxAge, maximumBytes: settings.retentionMaxBytes)))
            }
            return services
        }
        let election = assembly.configuration.leaderElection
        guard election.enabled else {
            try await runGroup(leading() + [pageRelease], history: history, assembly: assembly, logger: logger)
            return
        }
        let config = election.config(environment: ProcessInfo.processInfo.environment)
        logger.info(
            "leader election on",
            metadata: ["lease": "\(config.namespace)/\(config.leaseName)", "identity": "\(config.identity)", "leaseDuration": "\(config.leaseDuration)"])
        if history != nil, assembly.configuration.store.postgresDSN == nil {
            logger.warning("leader election with a SQLite store: replicas do not share history; use store.dsn (PostgreSQL) for several replicas")
        }
        try await KubeClient.withKubeClient(config: kubeConfig, logger: Logger(label: "muninn.leader-election")) { client in
            let elector = LeaderElector(
                config: config, lock: KubeLeaseLock(client: client, namespace: config.namespace, name: config.leaseName),
                clock: ContinuousClock(), now: { Date() }, logger: logger)
            let leader = Gauge(label: "muninn_leader")
            leader.record(0)
            let gated = LeaderGatedService(
                elector: elector, logger: logger, onLeadershipChange: { leader.record($0 ? 1 : 0) }, makeServices: leading)
            try await runGroup([gated, pageRelease], history: history, assembly: assembly, logger: logger)
        }
    }

    private func runGroup(_ leading: [any Service], history: (any HistoryStore)?, assembly: PipelineAssembly, logger: Logger) async throws {
        var services = leading
        if let history {
            let dashboard = assembly.configuration.dashboard
            if dashboard.enabled {
                do {
                    services.append(
                        try DashboardWiring.service(
                            dashboard, store: history, metrics: MetricsBootstrap.exposition,
                            onListening: { host, port in logger.info("dashboard", metadata: ["url": "\(DashboardWiring.url(host: host, port: port))"]) },
                            logger: Logger(label: "muninn.dashboard")))
                } catch {
                    throw CommandSupport.fail("\(error)")
                }
            }
        } else {
            logger.warning("this store keeps no searchable history yet: retention and the dashboard are off")
        }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
