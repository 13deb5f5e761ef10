import Foundation
import KubeJSON

extension ScenarioEngine {
    /// A large cluster for benchmarks: `pods` running pods shaped like the upstream benchmark
    /// exemplar (two init containers, two containers, managedFields; ~14 KB each), in
    /// Deployments of 10 replicas spread over `namespaces` namespaces and ~100 pods per node.
    /// `advance(to: start)` returns them all. Pods of one ReplicaSet share their spec, so
    /// 150,000 pods fit in memory and are made in seconds.
    public static func bulk(pods count: Int, namespaces namespaceCount: Int, seed: UInt64, start: Date) -> ScenarioEngine {
        let count = max(0, count)
        let namespaces = (0..<max(1, namespaceCount)).map { "bench-\($0)" }
        let nodes = (0..<max(1, (count + 99) / 100)).map { "bench-node-\($0)" }
        var engine = ScenarioEngine(scenario: Scenario(namespaces: namespaces, nodes: nodes, workloads: []), seed: seed, start: start)
        let containers = [
            ContainerBlueprint(name: "main", image: "registry.k8s.io/pause:3.9", requests: ["cpu": "5m", "memory": "20M"]),
            ContainerBlueprint(name: "sidecar", image: "registry.k8s.io/pause:3.9", requests: ["cpu": "5m", "memory": "20M"]),
        ]
        let initContainers = (0..<2).map {
            ContainerBlueprint(name: "init-\($0)", image: "registry.k8s.io/e2e-test-images/agnhost:2.53", command: ["/bin/sh", "-c", "sleep 1"])
        }
        let created = start.addingTimeInterval(-600)
        var images: [String: ImageReference] = [:]
        for container in initContainers + containers { images[container.image] = ImageReference(written: container.image) }
        var made = 0
        var deployment = 0
        while made < count {
            let replicas = min(10, count - made)
            let spec = WorkloadSpec(
                kind: .deployment, name: "small-deployment-\(deployment)", namespace: namespaces[deployment % namespaces.count],
                replicas: replicas, containers: containers, initContainers: initContainers, startAfter: -600, realism: .exemplar)
            let index = engine.addWorkload(spec)
            engine.workloads[index].started = true
            var shared: SharedSpec?
            for _ in 0..<replicas {
                let node = made / 100
                var blueprint = engine.blueprint(workload: index, revision: 0, ordinal: nil, node: node)
                blueprint.terminationGracePeriodSeconds = 1
                if shared == nil {
                    let suffix = engine.random.nameSuffix()
                    let builder = PodObjectBuilder(blueprint: blueprint, uid: "", volumeSuffix: suffix, creationTimestamp: created)
                    shared = SharedSpec(volumeSuffix: suffix, spec: builder.spec())
                }
                guard let template = shared else { break }
                var podSpec = template.spec
                podSpec["nodeName"] = .string(blueprint.nodeName)
                let pod = PodSimulation.alreadyRunning(
                    blueprint: blueprint, uid: engine.random.uuid(), volumeSuffix: template.volumeSuffix, spec: podSpec,
                    random: engine.random.fork(), since: created, images: images)
                engine.bulkPodIDs.append(engine.track(pod, workload: index, revision: 0, nodeIndex: node))
                made += 1
            }
            deployment += 1
        }
        return engine
    }
}
