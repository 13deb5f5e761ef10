import Foundation
import KubeJSON
import KubeSim
import KubeletModel

/// The soak's changing cluster: on every step it carries out the crashes, deletions, readiness flaps, rollouts and
/// ConfigMap edits that are due at the plan's rates, and lets the kubelet model and the controllers catch up (crashed
/// containers restart, deleted pods are replaced). It notes what Muninn must report: one crash alert per crash, one
/// change message per rollout and per ConfigMap edit.
final class SoakChurn: @unchecked Sendable {
    // @unchecked: one task at a time uses it: the runner before and after the churn, the churn task during it. The
    // sampler, which runs beside the churn task, reads only `gauge`.
    struct Totals: Codable, Sendable {
        var crashes = 0
        var deletions = 0
        var readinessFlaps = 0
        var rollouts = 0
        var configMapEdits = 0
        /// Operations that found no pod in the right state (all candidates tried were busy), skipped.
        var skipped = 0
        /// Pod writes (each one watch event), all operations and the kubelet's reactions included.
        var podWrites = 0
    }

    static let images = ["registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.10"]

    let cluster: BenchCluster
    let plan: SoakPlan
    let deployments: [String]
    let configMaps: [(namespace: String, name: String)]
    private(set) var totals = Totals()
    let gauge = SoakGauge()
    /// Crashes written per `namespace/pod`.
    private(set) var expectedCrashesByPod: [String: Int] = [:]
    /// Changes made per `Kind/namespace/name`.
    private(set) var expectedChangesByObject: [String: Int] = [:]
    private var live: [String]
    private var livePosition: [String: Int]
    private var flapped: Set<String> = []
    private var restores: [(at: Double, pod: String)] = []
    private var scheduled = (crashes: 0, deletions: 0, flaps: 0, rollouts: 0, configMapEdits: 0)
    private var random = SystemRandomNumberGenerator()

    /// Creates the ConfigMaps (before Muninn starts, so they are its baseline) and checks the Deployments exist.
    init(cluster: BenchCluster, plan: SoakPlan, namespaces: Int) throws {
        self.cluster = cluster
        self.plan = plan
        live = cluster.pods
        livePosition = Dictionary(uniqueKeysWithValues: cluster.pods.enumerated().map { ($1, $0) })
        // `ScenarioEngine.bulk` makes Deployments of 10 replicas named small-deployment-<n>, round-robin over namespaces.
        deployments = (0..<((cluster.pods.count + 9) / 10)).map { "bench-\($0 % max(1, namespaces))/small-deployment-\($0)" }
        for deployment in [deployments.first, deployments.last].compactMap({ $0 }) {
            let parts = deployment.split(separator: "/").map(String.init)
            guard (try? cluster.simulator.get(.deployments, namespace: parts[0], name: parts[1])) != nil else {
                throw BenchError("the bulk cluster has no Deployment \(deployment)")
            }
        }
        configMaps = (0..<plan.configMaps).map { ("bench-\($0 % max(1, namespaces))", "soak-settings-\($0)") }
        for configMap in configMaps {
            let object: JSONValue = [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": ["name": .string(configMap.name), "namespace": .string(configMap.namespace), "labels": ["app": "soak"]],
                "data": ["revision": "0", "settings.yaml": "logLevel: info\nworkers: 4\n"],
            ]
            _ = try cluster.simulator.create(.configMaps, namespace: configMap.namespace, object)
        }
    }

    var expectedCrashes: Int { expectedCrashesByPod.values.reduce(0, +) }
    var expectedChanges: Int { expectedChangesByObject.values.reduce(0, +) }
    /// Pods that exist now (running, starting or terminating).
    var podCount: Int { live.count }

    /// Everything due `elapsed` seconds into the churn.
    func step(elapsed: Double) throws {
        try absorb(cluster.advance())
        while let first = restores.first, first.at <= elapsed {
            restores.removeFirst()
            flapped.remove(first.pod)
            try absorb(cluster.perform(.setReady(target: first.pod, container: "main", ready: true)))
        }
        while scheduled.crashes < Int(elapsed * plan.crashesPerSecond) {
            scheduled.crashes += 1
            try crash()
        }
        while scheduled.deletions < Int(elapsed * plan.deletionsPerSecond) {
            scheduled.deletions += 1
            try delete()
        }
        while scheduled.flaps < Int(elapsed * plan.readinessFlapsPerSecond) {
            scheduled.flaps += 1
            try flap(elapsed: elapsed)
        }
        while plan.rolloutSeconds > 0, scheduled.rollouts < Int(elapsed / plan.rolloutSeconds) {
            scheduled.rollouts += 1
            try rollout()
        }
        while plan.configMapSeconds > 0, !configMaps.isEmpty, scheduled.configMapEdits < Int(elapsed / plan.configMapSeconds) {
            scheduled.configMapEdits += 1
            try editConfigMap()
        }
        publish()
    }

    /// The kubelet model catching up, without new operations (while the last alerts arrive).
    func idle() throws {
        try absorb(cluster.advance())
        publish()
    }

    private func publish() {
        gauge.publish(SoakGauge.Figures(pods: live.count, crashes: totals.crashes, changes: totals.rollouts + totals.configMapEdits))
    }

    private func crash() throws {
        // A pod that has not crashed yet if one comes quickly; a crash loop (a second crash of the same container,
        // restarted since) is fine too: each crash is its own alert.
        let ready = { (pod: PodSimulation) in pod.isActive && pod.isReady }
        guard let pod = pick(where: { self.expectedCrashesByPod[$0] == nil && !self.flapped.contains($0) }, state: ready)
            ?? pick(where: { !self.flapped.contains($0) }, state: ready)
        else { return totals.skipped += 1 }
        try absorb(cluster.perform(.crash(target: pod, container: "main")))
        expectedCrashesByPod[pod, default: 0] += 1
        totals.crashes += 1
    }

    private func delete() throws {
        guard let pod = pick(where: { _ in true }, state: { $0.isActive }) else { return totals.skipped += 1 }
        try absorb(cluster.perform(.delete(target: pod)))
        totals.deletions += 1
    }

    private func flap(elapsed: Double) throws {
        guard let pod = pick(where: { !self.flapped.contains($0) }, state: { $0.isActive && $0.isReady }) else { return totals.skipped += 1 }
        try absorb(cluster.perform(.setReady(target: pod, container: "main", ready: false)))
        flapped.insert(pod)
        restores.append((elapsed + plan.readinessFlapSeconds, pod))
        totals.readinessFlaps += 1
    }

    private func rollout() throws {
        guard !deployments.isEmpty else { return }
        let deployment = deployments[totals.rollouts % deployments.count]
        // Alternate between two images, so every rollout changes the template.
        let image = Self.images[(totals.rollouts / deployments.count + 1) % Self.images.count]
        try absorb(cluster.perform(.rollout(workload: deployment, container: "main", image: image)))
        let parts = deployment.split(separator: "/").map(String.init)
        expectedChangesByObject[SinkLedger.objectKey(kind: "Deployment", namespace: parts[0], name: parts[1]), default: 0] += 1
        totals.rollouts += 1
    }

    private func editConfigMap() throws {
        let configMap = configMaps[totals.configMapEdits % configMaps.count]
        let revision = totals.configMapEdits + 1
        let patch: JSONValue = ["data": ["revision": .string(String(revision)), "settings.yaml": .string("logLevel: info\nworkers: \(4 + revision % 4)\n")]]
        _ = try cluster.simulator.patch(.configMaps, namespace: configMap.namespace, name: configMap.name, patch)
        expectedChangesByObject[SinkLedger.objectKey(kind: "ConfigMap", namespace: configMap.namespace, name: configMap.name), default: 0] += 1
        totals.configMapEdits += 1
    }

    /// A random live pod whose name passes `filter` and whose state passes `state`; a few tries, then nil.
    private func pick(where filter: (String) -> Bool, state: (PodSimulation) -> Bool) -> String? {
        guard !live.isEmpty else { return nil }
        for _ in 0..<32 {
            let candidate = live[Int.random(in: 0..<live.count, using: &random)]
            guard filter(candidate), let pod = cluster.pod(candidate), state(pod) else { continue }
            return candidate
        }
        return nil
    }

    /// Keeps the list of live pods in step with what was written: new pods join it, removed ones leave it.
    private func absorb(_ writes: [ClusterWrite]) {
        for write in writes {
            switch write {
            case .apply(let resource, let object) where resource == .pods:
                totals.podWrites += 1
                let reference = "\(object[path: ["metadata", "namespace"]]?.stringValue ?? "")/\(object[path: ["metadata", "name"]]?.stringValue ?? "")"
                if livePosition[reference] == nil, let pod = cluster.pod(reference), !pod.isRemoved {
                    livePosition[reference] = live.count
                    live.append(reference)
                }
            case .delete(let resource, let namespace, let name) where resource == .pods:
                totals.podWrites += 1
                remove("\(namespace ?? "")/\(name)")
            default:
                break
            }
        }
    }

    private func remove(_ reference: String) {
        guard let position = livePosition.removeValue(forKey: reference) else { return }
        let last = live.removeLast()
        if position < live.count {
            live[position] = last
            livePosition[last] = position
        }
        flapped.remove(reference)
    }
}
