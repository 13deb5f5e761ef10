import ArgumentParser
import Foundation
import KubeAPI
import KubeSim
import KubeletModel
import Logging
import MuninnCore
import MuninnStore
import ServiceLifecycle
import UnixSignals

/// `muninn demo`: the simulator with a scripted cluster, and Muninn watching it through the real
/// client over HTTPS, exactly as it would watch a real cluster.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a simulated cluster with crashing pods and watch it, printing what Muninn sees.",
        discussion: """
            Starts the kube-apiserver simulator in-process on a free loopback port (HTTPS, token auth), \
            plays a scenario on it (by default a built-in one: namespaces shop, payments, batch and monitoring with \
            crash loops, OOM kills, image pull failures, a config error, an eviction, a rollout and a \
            completed job over the first minute and a half), and watches it with Muninn's Kubernetes \
            client. Every pod and container change is printed, and each crash or start failure the \
            detector finds as a line beginning !! ALERT. While it \
            runs you can point kubectl at the printed kubeconfig. Stops on Ctrl-C, or after --duration.
            """
    )

    @Option(help: ArgumentHelp("Play this scenario file instead of the built-in demo (see docs/scenarios.md).", valueName: "file"))
    var scenario: String?

    @Option(help: ArgumentHelp("Seed for generated names and IDs.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Stop after this many seconds (default: run until Ctrl-C).", valueName: "seconds"))
    var duration: Int?

    @Option(help: ArgumentHelp("Log level for Muninn's own diagnostics.", valueName: "level"))
    var logLevel = "warning"

    func validate() throws {
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else { throw ValidationError("--log-level: unknown level '\(logLevel)'") }
    }

    func run() async throws {
        LoggingBootstrap.bootstrap(level: Logger.Level(rawValue: logLevel.lowercased()) ?? .warning, format: .text)
        _ = MetricsBootstrap.registry  // before the pipeline creates its counters
        let scenario = try self.scenario.map(ScenarioFile.load) ?? Scenario.demo
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-demo-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
        defer { try? FileManager.default.removeItem(at: directory) }  // try?: a leftover temp dir is harmless

        let store: SQLiteStore
        do {
            store = try await SQLiteStore.open(path: directory.appendingPathComponent("muninn.db").path, logger: Logger(label: "muninn.store"))
        } catch {
            throw CommandSupport.fail("store: \(error)")
        }
        do {
            let services = try DemoServices.make(
                scenario: scenario, seed: seed, kubeconfigPath: kubeconfigPath, store: store, duration: duration.map { .seconds($0) },
                history: store, metrics: MetricsBootstrap.exposition, output: StandardOutput.writeLine)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "muninn.demo")))
            try await group.run()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
