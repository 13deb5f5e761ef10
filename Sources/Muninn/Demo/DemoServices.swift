import Foundation
import KubeSim
import KubeletModel
import Logging
import ServiceLifecycle

/// The services of `muninn demo`, in start order (the group stops them in reverse: the watcher
/// first, the simulator last). A plain function so tests can run the real demo wiring.
enum DemoServices {
    static func make(
        scenario: Scenario, seed: UInt64, kubeconfigPath: String, duration: Duration?,
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
            output("Muninn is watching it through its Kubernetes client; alerts are marked !! ALERT")
            readyContinuation.yield()
            readyContinuation.finish()
        }
        let runner = ScenarioRunnerService(
            simulator: simulator, engine: ScenarioEngine(scenario: scenario, seed: seed, start: Date()), logger: logger)
        let watcher = ClusterWatchService(
            ready: ready, kubeconfigPath: kubeconfigPath, namespaces: [], reportInitialState: true, output: output, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: simulatorService), .init(service: runner), .init(service: watcher),
        ]
        if let duration {
            services.append(.init(service: StopAfterService(duration: duration), successTerminationBehavior: .gracefullyShutdownGroup))
        }
        return services
    }
}
