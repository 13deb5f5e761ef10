import Foundation
import KubeJSON
import KubeSim
import KubeletModel

/// The simulated cluster of a benchmark run: the simulator (serving over HTTPS with a token, as a real API
/// server does) and the kubelet model that writes its pods. Only the harness's one task uses it.
final class BenchCluster {
    let simulator: Simulator
    private var engine: ScenarioEngine
    /// `namespace/name` of every pod, in a fixed order.
    let pods: [String]
    let directory: String
    let token: String

    var kubeconfigPath: String { "\(directory)/kubeconfig" }
    var caPath: String { "\(directory)/ca.pem" }
    var tokenPath: String { "\(directory)/token" }

    /// Makes `count` exemplar-shaped pods (see `ScenarioEngine.bulk`) and writes them through the store.
    init(simulator: Simulator, token: String, count: Int, namespaces: Int, directory: String) throws {
        self.simulator = simulator
        self.token = token
        self.directory = directory
        let start = Date()
        engine = ScenarioEngine.bulk(pods: count, namespaces: namespaces, seed: 1, start: start)
        try simulator.apply(engine.advance(to: start))
        pods = engine.currentPods.map { "\($0.namespace)/\($0.name)" }
        try simulator.writeKubeconfig(to: kubeconfigPath)
        try (simulator.certificateAuthorityPEM ?? "").write(toFile: caPath, atomically: true, encoding: .utf8)
        try token.write(toFile: tokenPath, atomically: true, encoding: .utf8)
    }

    var resourceVersion: String { simulator.currentResourceVersion }

    /// A kubelet status update that alerts nobody: the main container's readiness flips, as a failing and
    /// recovering readiness probe does. Returns when it was committed (CLOCK_MONOTONIC).
    /// Returns the number of pod writes (each one watch event).
    @discardableResult
    func setReady(_ pod: String, _ ready: Bool) throws -> Int {
        try apply(engine.perform(.setReady(target: pod, container: "main", ready: ready), now: Date()))
    }

    /// The main container crashes (exit 1, a stack trace in its log), as the kubelet reports it. Returns when the
    /// crash was committed (CLOCK_MONOTONIC).
    @discardableResult
    func crash(_ pod: String) throws -> UInt64 {
        try apply(engine.perform(.crash(target: pod, container: "main"), now: Date()))
        return MonotonicTime.nanoseconds()
    }

    /// At least `count` status updates without alerts: readiness off then on again, a pod at a time, so every
    /// update is a MODIFIED event of a whole pod. Returns the number of pod events written.
    func readinessFlips(_ count: Int) throws -> Int {
        var written = 0
        var index = 0
        while written < count {
            let pod = pods[index % pods.count]
            written += try setReady(pod, false)
            written += try setReady(pod, true)
            index += 1
            if index > 4 * count + pods.count { throw BenchError("the kubelet model wrote no pod updates for readiness changes") }
        }
        return written
    }

    /// Carries out a scenario command now (crash, delete, roll out, readiness) with everything the kubelet model
    /// and the controllers had due before it; returns the writes, already applied.
    @discardableResult
    func perform(_ command: ScenarioCommand) throws -> [ClusterWrite] {
        let writes = engine.perform(command, now: Date())
        try simulator.apply(writes)
        return writes
    }

    /// What the kubelet model and the controllers have due by now (containers restarting after a crash, pods
    /// created for deleted ones, rollouts progressing), applied.
    @discardableResult
    func advance() throws -> [ClusterWrite] {
        let writes = engine.advance(to: Date())
        try simulator.apply(writes)
        return writes
    }

    /// The kubelet model's pod `namespace/name`, if it exists.
    func pod(_ reference: String) -> PodSimulation? { engine.pod(reference) }

    private func apply(_ writes: [ClusterWrite]) throws -> Int {
        try simulator.apply(writes)
        return writes.reduce(0) { count, write in
            switch write {
            case .apply(let resource, _) where resource.resource == "pods": count + 1
            case .delete(let resource, _, _) where resource.resource == "pods": count + 1
            default: count
            }
        }
    }
}
