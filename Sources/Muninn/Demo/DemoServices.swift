import Foundation
import KubeAPI
import KubeSim
import KubeletModel
import Logging
import MuninnCore
import MuninnDashboard
import MuninnNotifiers
import ServiceLifecycle

/// The services of `muninn demo`, in start order (the group stops them in reverse: the pipeline
/// first, the simulator last). A plain function so tests can run the real demo wiring.
enum DemoServices {
    /// The demo's configuration: every alert to a console destination in text form, existing problems reported
    /// (the scenario breaks things before the first list completes), recoveries announced.
    static func configuration(clusterName: String = "demo") -> MuninnConfiguration {
        var configuration = MuninnConfiguration()
        configuration.clusterName = clusterName
        configuration.destinations = [DestinationConfiguration(name: "console", settings: .console(format: .text))]
        configuration.alerts.reportExistingOnStart = true
        configuration.alerts.recovery = true
        return configuration
    }

    static func make(
        scenario: Scenario, seed: UInt64, kubeconfigPath: String, store: any OutboxStore, duration: Duration?,
        configuration: MuninnConfiguration = DemoServices.configuration(), history: (any HistoryStore)? = nil,
        metrics: (@Sendable () -> [UInt8])? = nil,
        output: @escaping @Sendable (String) -> Void, logger: Logger = Logger(label: "muninn.demo")
    ) throws -> [ServiceGroupConfiguration.ServiceConfiguration] {
        let simulator = try Simulator(configuration: SimulatorConfiguration(tls: true, auth: .token(RandomToken.make()), logger: logger))
        let (ready, readyContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let simulatorService = SimulatorService(simulator: simulator) { simulator in
            do {
                try simulator.writeKubeconfig(to: kubeconfigPath)
            } catch {
                logger.error("cannot write the demo kubeconfig", metadata: ["file": "\(kubeconfigPath)", "error": "\(error)"])
                readyContinuation.finish()
                return
            }
            output("Simulated cluster listening on \(simulator.baseURL.absoluteString)")
            output("Try in another terminal: kubectl --kubeconfig \(kubeconfigPath) get pods -A -w")
            output("Muninn is watching it through its Kubernetes client; alerts go to the console destination, marked !! ALERT")
            readyContinuation.yield()
            readyContinuation.finish()
        }
        let runner = ScenarioRunnerService(
            simulator: simulator, engine: ScenarioEngine(scenario: scenario, seed: seed, start: Date()), logger: logger)
        let assembly = PipelineAssembly(configuration: configuration, consoleWrite: output)
        let changes = PodChangePrinter(output: output)
        let pipeline = assembly.service(
            store: store, notifiers: try assembly.notifiers(), ready: ready, kubeconfigPath: kubeconfigPath,
            onEvent: { event, _ in changes.print(event) }, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: simulatorService), .init(service: runner), .init(service: pipeline),
        ]
        if let history {
            // Port 0: a demo must start even when 8080 is taken; the bound address is printed.
            let dashboard = try DashboardService(
                store: history, changes: history as? any ChangeStore, host: "127.0.0.1", port: 0, metrics: metrics,
                onListening: { host, port in output("Dashboard: \(DashboardWiring.url(host: host, port: port))") }, logger: logger)
            services.append(.init(service: dashboard))
            // Keeps everything (a demo is short) but measures the history every minute for `muninn_store_bytes`.
            services.append(.init(service: RetentionService(store: history, policy: RetentionPolicy(), interval: .seconds(60), logger: logger)))
        }
        if let duration {
            services.append(.init(service: StopAfterService(duration: duration), successTerminationBehavior: .gracefullyShutdownGroup))
        }
        return services
    }
}
