import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import MuninnCore
import MuninnTesting
import Testing

/// The crash detector fed by the real client watching the simulator while the kubelet model plays
/// crash loops, an OOM kill, an image pull failure, a config error and a rollout, with watch
/// faults on the way: one incident per termination and per episode, none for the rollout.
@Suite(.timeLimit(.minutes(2)))
struct DetectorAgainstSimulatorTests {
    static let scenario = Scenario(
        namespaces: ["prod"], nodes: ["node-1", "node-2"],
        workloads: [
            WorkloadSpec(kind: .deployment, name: "crashy", namespace: "prod", containers: [
                ContainerBlueprint(name: "app", image: "ghcr.io/acme/app:1", behaviour: .crashLoop(exit: .error(exitCode: 3), after: 5))
            ]),
            WorkloadSpec(kind: .deployment, name: "hungry", namespace: "prod", containers: [
                ContainerBlueprint(name: "jvm", image: "ghcr.io/acme/jvm:1", behaviour: .oom(after: 8))
            ]),
            WorkloadSpec(kind: .deployment, name: "pull", namespace: "prod", containers: [
                ContainerBlueprint(name: "gw", image: "registry.invalid/gw:404", behaviour: .imagePullFailure)
            ]),
            WorkloadSpec(kind: .deployment, name: "config", namespace: "prod", containers: [
                ContainerBlueprint(name: "svc", image: "ghcr.io/acme/svc:1", behaviour: .configError(message: "secret \"db\" not found"))
            ]),
            WorkloadSpec(kind: .deployment, name: "web", namespace: "prod", replicas: 2, containers: [
                ContainerBlueprint(name: "web", image: "nginx:1.27")
            ]),
        ],
        timeline: [TimelineEntry(at: 40, action: .rollout, target: "prod/web", image: "nginx:1.28")])

    @Test func oneIncidentPerTerminationAndEpisodeNoneForARollout() async throws {
        try await TestCluster.with(scenario: Self.scenario, playFor: 0) { cluster in
            let simulator = cluster.simulator
            var engine = cluster.engine
            var clock = cluster.clock
            var incidents: [Incident] = []
            try await cluster.withClient { client in
                var events = client.reflector(for: .pods, namespace: "prod", as: Pod.self, clock: ImmediateClock(), random: { 0.5 })
                    .makeAsyncIterator()
                var detector = CrashDetector(configuration: .init(notReadyThreshold: nil))
                var sentinel = 0

                /// Pulls events until a marker pod written after everything else arrives: watch events come in
                /// resourceVersion order, so by then the detector has seen every earlier change.
                func drain() async throws {
                    sentinel += 1
                    let name = "sentinel-\(sentinel)"
                    _ = try simulator.create(.pods, namespace: "prod", [
                        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "prod"],
                        "spec": ["containers": [["name": "c", "image": "busybox"]]],
                    ])
                    while let event = try await events.next() {
                        incidents += detector.observe(event, now: clock)
                        if case .added(let pod) = event, pod.metadata.name == name { return }
                    }
                }

                try await drain()  // the initial list: a baseline, nothing has failed yet
                for step in 1...24 {
                    clock += 5
                    try simulator.apply(engine.advance(to: clock))
                    switch step {
                    case 6: simulator.closeAllWatches()  // re-watch from the last resourceVersion
                    case 12:
                        simulator.closeAllWatches()  // changes the watch never delivered, then 410: relist
                        clock += 5
                        try simulator.apply(engine.advance(to: clock))
                        simulator.compactHistory()
                    case 18: simulator.cutWatchesMidEvent()
                    default: break
                    }
                    try await drain()
                }
            }

            let identities = incidents.map(\.identity)
            #expect(Set(identities).count == identities.count, "an incident was reported twice: \(identities)")

            let crashes = incidents.filter { $0.kind == .containerTerminated && $0.container == "app" }
            #expect(crashes.count >= 3)
            #expect(crashes.allSatisfy { $0.reason == "Error" && $0.exitCode == 3 && $0.containerID != nil })
            #expect(Set(crashes.compactMap(\.containerID)).count == crashes.count)

            let oom = incidents.filter { $0.kind == .containerTerminated && $0.container == "jvm" }
            #expect(!oom.isEmpty)
            #expect(oom.allSatisfy { $0.reason == "OOMKilled" && $0.exitCode == 137 })

            let pulls = incidents.filter { $0.container == "gw" }
            #expect(pulls.count == 1, "image pull failure is one episode: \(pulls.map(\.reason))")
            #expect(pulls.first?.kind == .cannotStart)

            let config = incidents.filter { $0.container == "svc" }
            #expect(config.map(\.reason) == ["CreateContainerConfigError"])

            let webPods = engine.pods(ofWorkload: "prod/web").filter(\.isActive)
            #expect(!webPods.isEmpty && webPods.allSatisfy { $0.blueprint.containers.first?.image == "nginx:1.28" }, "the rollout happened")
            #expect(incidents.filter { $0.podName.hasPrefix("web-") }.isEmpty, "a rollout's graceful kills are not crashes")
            #expect(incidents.filter { $0.podName.hasPrefix("sentinel-") }.isEmpty)
        }
    }
}
