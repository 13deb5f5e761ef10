import ArgumentParser
import Foundation
import KubeAPI
import Logging
import ServiceLifecycle
import UnixSignals

/// `muninn run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch a cluster and report container crashes, restarts and start failures (the default command).",
        discussion: """
            Connects with --kubeconfig/--context (default: KUBECONFIG, ~/.kube/config, then the in-cluster \
            service account), lists and watches pods (all namespaces, or each --namespace), and prints every \
            pod and container change after the initial list, and every crash or start failure as a line \
            beginning !! ALERT (one per termination; existing crashes are a baseline). The configuration \
            is validated before anything is sent to the cluster; a mistake names its file, line and key and \
            exits 1. Stops cleanly on SIGTERM or SIGINT.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let configuration = try CommandSupport.resolveOrExit(options)
        LoggingBootstrap.bootstrap(level: configuration.logLevel, format: configuration.logFormat)
        let logger = Logger(label: "muninn")
        // Load credentials now, so a broken kubeconfig fails before any service starts.
        _ = try CommandSupport.kubeConfigOrExit(configuration)
        let watcher = ClusterWatchService(
            ready: nil, kubeconfigPath: configuration.kubeconfig, context: configuration.context, namespaces: configuration.namespaces,
            labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector, reportInitialState: false,
            output: StandardOutput.writeLine, logger: logger)
        let group = ServiceGroup(services: [watcher], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
