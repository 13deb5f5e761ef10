import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel

/// A small simulated cluster for end-to-end tests: a healthy deployment, a crash-looping one whose
/// pod has a previous instance with logs, all applied through the simulator's store.
struct TestCluster {
    let simulator: Simulator
    let kubeconfigPath: String
    let directory: URL
    var engine: ScenarioEngine
    var clock: Date

    static let namespace = "fidelity"

    static let scenario = Scenario(
        namespaces: [namespace], nodes: ["node-1"],
        workloads: [
            WorkloadSpec(kind: .deployment, name: "web", namespace: namespace, replicas: 2, containers: [
                ContainerBlueprint(name: "web", image: "nginx:1.27")
            ]),
            WorkloadSpec(kind: .deployment, name: "crashy", namespace: namespace, containers: [
                ContainerBlueprint(name: "app", image: "ghcr.io/acme/app:1.0", behaviour: .crashLoop(exit: .error(exitCode: 3, lastWords: .stackTrace), after: 5))
            ]),
        ],
        timeline: [])

    /// Starts a simulator, plays the first two minutes of `scenario` into it, writes a kubeconfig.
    static func with<Result: Sendable>(
        _ configuration: SimulatorConfiguration = SimulatorConfiguration(tls: true, auth: .token("test-token-123")),
        scenario: Scenario = TestCluster.scenario, playFor seconds: TimeInterval = 120,
        _ body: (inout TestCluster) async throws -> Result
    ) async throws -> Result {
        try await withSimulator(configuration) { simulator in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-it-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }  // try?: temp files only
            let kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
            try simulator.writeKubeconfig(to: kubeconfigPath)
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            var cluster = TestCluster(
                simulator: simulator, kubeconfigPath: kubeconfigPath, directory: directory,
                engine: ScenarioEngine(scenario: scenario, seed: 7, start: start), clock: start)
            try cluster.advance(by: seconds)
            return try await body(&cluster)
        }
    }

    mutating func advance(by seconds: TimeInterval) throws {
        clock += seconds
        try simulator.apply(engine.advance(to: clock))
    }

    mutating func perform(_ command: ScenarioCommand) throws {
        try simulator.apply(engine.perform(command, now: clock))
    }

    func podName(of workload: String, in namespace: String = TestCluster.namespace) throws -> String {
        guard let pod = engine.pods(ofWorkload: "\(namespace)/\(workload)").first(where: { $0.isActive }) else {
            throw TestClusterError(message: "no active pod for \(workload)")
        }
        return pod.name
    }

    /// A client configured from the kubeconfig the simulator wrote, shut down after `body`.
    func withClient<Result: Sendable>(_ body: (KubeClient) async throws -> Result) async throws -> Result {
        let config = try KubeConfig.load(kubeconfigPath: kubeconfigPath, context: nil, environment: [:])
        return try await KubeClient.withKubeClient(config: config, body)
    }
}

struct TestClusterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
