import Foundation
import KubeJSON
import Testing
@testable import KubeletModel

@Suite struct ScenarioEngineTests {
    private func scenario(_ workloads: [WorkloadSpec], timeline: [TimelineEntry] = []) -> Scenario {
        Scenario(namespaces: ["shop"], nodes: ["kind-worker", "kind-worker2"], workloads: workloads, timeline: timeline)
    }

    private let web = WorkloadSpec(kind: .deployment, name: "web", namespace: "shop", replicas: 2, containers: [
        ContainerBlueprint(name: "app", image: "ghcr.io/acme/web:1.0", requests: ["cpu": "100m", "memory": "128Mi"]),
    ])

    @Test func deploymentCreatesReplicaSetAndOwnedPods() throws {
        var engine = ScenarioEngine(scenario: scenario([web]), seed: 1, start: testStart)
        let writes = engine.advance(to: at(10))
        let objects = writes.compactMap { if case .apply(let resource, let object) = $0 { (resource, object) } else { nil } }
        #expect(objects.contains { $0.0 == .namespaces && $0.1[path: ["metadata", "name"]] == "shop" })
        #expect(objects.contains { $0.0 == .nodes && $0.1[path: ["metadata", "name"]] == "kind-worker2" })
        let replicaSet = try #require(objects.last { $0.0 == .replicaSets }?.1)
        let deployment = try #require(objects.last { $0.0 == .deployments }?.1)
        let hash = try #require(replicaSet[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue)
        #expect(replicaSet[path: ["metadata", "name"]] == .string("web-\(hash)"))
        #expect(replicaSet[path: ["metadata", "ownerReferences"]]?[0]?["uid"] == deployment[path: ["metadata", "uid"]])
        let pods = engine.pods(ofWorkload: "shop/web")
        #expect(pods.count == 2)
        for pod in pods {
            let object = pod.render()
            #expect(pod.name.hasPrefix("web-\(hash)-") && pod.name.count == "web-\(hash)-".count + 5)
            #expect(object[path: ["metadata", "generateName"]] == .string("web-\(hash)-"))
            #expect(object[path: ["metadata", "ownerReferences"]]?[0]?["uid"] == replicaSet[path: ["metadata", "uid"]])
            #expect(object[path: ["metadata", "ownerReferences"]]?[0]?["controller"] == true)
            #expect(object[path: ["metadata", "labels", "pod-template-hash"]] == .string(hash))
            #expect(object.phase == "Running")
        }
        #expect(Set(pods.map { $0.blueprint.nodeName }) == ["kind-worker", "kind-worker2"])
        #expect(deployment[path: ["status", "readyReplicas"]] == 2)
    }

    @Test func advanceIsIdempotentAndDeadlinesMoveForward() throws {
        var engine = ScenarioEngine(scenario: scenario([web]), seed: 1, start: testStart)
        #expect(engine.nextDeadline == testStart)
        #expect(!engine.advance(to: at(5)).isEmpty)
        #expect(engine.advance(to: at(5)).isEmpty)
        #expect(engine.advance(to: at(3)).isEmpty)
        // Healthy pods have nothing more to do.
        #expect(engine.nextDeadline == nil)
    }

    @Test func deletedReplicaSetPodIsReplacedWithANewUID() throws {
        var engine = ScenarioEngine(scenario: scenario([web]), seed: 1, start: testStart)
        _ = engine.advance(to: at(10))
        let victim = try #require(engine.pods(ofWorkload: "shop/web").first)
        var writes = engine.perform(.delete(target: "shop/\(victim.name)"), now: at(20))
        #expect(writes.podObjects.contains { $0[path: ["metadata", "name"]] == .string(victim.name) && $0[path: ["metadata", "deletionTimestamp"]] != nil })
        let replacement = try #require(writes.podObjects.first { $0[path: ["metadata", "name"]] != .string(victim.name) })
        #expect(replacement[path: ["metadata", "uid"]] != .string(victim.uid))
        writes = engine.advance(to: at(30))
        #expect(writes.deletions == ["shop/\(victim.name)"])
        #expect(engine.pods(ofWorkload: "shop/web").count == 2)
        #expect(engine.pod("shop/\(victim.name)") == nil)
    }

    @Test func rolloutReplacesPodsGracefullyThroughANewReplicaSet() throws {
        var engine = ScenarioEngine(scenario: scenario([web]), seed: 1, start: testStart)
        _ = engine.advance(to: at(10))
        let oldPods = Set(engine.pods(ofWorkload: "shop/web").map(\.name))
        var writes = engine.perform(.rollout(workload: "shop/web", image: "ghcr.io/acme/web:1.1"), now: at(20))
        writes += engine.advance(to: at(120))
        let newPods = engine.pods(ofWorkload: "shop/web")
        #expect(newPods.count == 2)
        #expect(Set(newPods.map(\.name)).isDisjoint(with: oldPods))
        #expect(newPods.allSatisfy { $0.render()[path: ["spec", "containers"]]?[0]?["image"] == "ghcr.io/acme/web:1.1" })
        #expect(Set(writes.deletions) == Set(oldPods.map { "shop/\($0)" }))
        // Old containers ended with SIGTERM on pods marked for deletion: not crashes.
        for name in oldPods {
            let last = try #require(writes.podObjects.last { $0[path: ["metadata", "name"]] == .string(name) })
            #expect(last[path: ["metadata", "deletionTimestamp"]] != nil)
            #expect(last.containerStatus()?[path: ["state", "terminated", "exitCode"]] == 143)
            #expect(last.containerStatus()?["restartCount"] == 0)
        }
        let replicaSets = Set(writes.compactMap { if case .apply(.replicaSets, let rs) = $0 { rs[path: ["metadata", "name"]]?.stringValue } else { nil } })
        #expect(replicaSets.count == 2)
    }

    @Test func rolloutToABrokenImageKeepsOldPodsServing() throws {
        var engine = ScenarioEngine(scenario: scenario([web]), seed: 1, start: testStart)
        _ = engine.advance(to: at(10))
        _ = engine.perform(.rollout(workload: "shop/web", image: "ghcr.io/acme/web:nope", behaviour: .imagePullFailure), now: at(20))
        _ = engine.advance(to: at(200))
        let pods = engine.pods(ofWorkload: "shop/web")
        #expect(pods.filter { $0.isReady }.count >= 2 - 0)
        #expect(pods.contains { $0.render().containerStatus()?.waitingReason == "ImagePullBackOff" || $0.render().containerStatus()?.waitingReason == "ErrImagePull" })
    }

    @Test func statefulSetPodsAreOrdinalAndComeBackWithTheSameName() throws {
        let db = WorkloadSpec(kind: .statefulSet, name: "db", namespace: "shop", replicas: 3, containers: [ContainerBlueprint(name: "postgres", image: "postgres:16.4")])
        var engine = ScenarioEngine(scenario: scenario([db]), seed: 1, start: testStart)
        _ = engine.advance(to: at(10))
        #expect(engine.pods(ofWorkload: "shop/db").map(\.name) == ["db-0", "db-1", "db-2"])
        let before = try #require(engine.pod("shop/db-1")?.uid)
        _ = engine.perform(.delete(target: "shop/db-1"), now: at(20))
        _ = engine.advance(to: at(40))
        let after = try #require(engine.pod("shop/db-1"))
        #expect(after.uid != before)
        #expect(after.render()[path: ["metadata", "labels", "statefulset.kubernetes.io/pod-name"]] == "db-1")
    }

    @Test func jobRunsToCompletionAndFailedAttemptsAreRetried() throws {
        let job = WorkloadSpec(kind: .job, name: "report", namespace: "shop", containers: [
            ContainerBlueprint(name: "report", image: "ghcr.io/acme/report:1", behaviour: .completes(after: 10, exitCode: 0)),
        ])
        let flaky = WorkloadSpec(kind: .job, name: "flaky", namespace: "shop", containers: [
            ContainerBlueprint(name: "flaky", image: "ghcr.io/acme/flaky:1", behaviour: .completes(after: 5, exitCode: 1)),
        ])
        var engine = ScenarioEngine(scenario: scenario([job, flaky]), seed: 1, start: testStart)
        let writes = engine.advance(to: at(60))
        let jobObject = try #require(writes.compactMap { if case .apply(.jobs, let j) = $0, j[path: ["metadata", "name"]] == "report" { j } else { nil } }.last)
        #expect(jobObject[path: ["status", "succeeded"]] == 1)
        #expect(jobObject[path: ["status", "completionTime"]] != nil)
        #expect(engine.pods(ofWorkload: "shop/report").map(\.phase) == ["Succeeded"])
        #expect(engine.pods(ofWorkload: "shop/flaky").filter { $0.phase == "Failed" }.count >= 2)
        let pod = try #require(engine.pods(ofWorkload: "shop/report").first).render()
        #expect(pod[path: ["spec", "restartPolicy"]] == "Never")
        #expect(pod[path: ["metadata", "labels", "job-name"]] == "report")
    }

    @Test func daemonSetRunsOnePodPerNode() {
        let ds = WorkloadSpec(kind: .daemonSet, name: "agent", namespace: "shop", containers: [ContainerBlueprint(name: "agent", image: "ghcr.io/acme/agent:1")])
        var engine = ScenarioEngine(scenario: scenario([ds]), seed: 1, start: testStart)
        _ = engine.advance(to: at(10))
        #expect(Set(engine.pods(ofWorkload: "shop/agent").map { $0.blueprint.nodeName }) == ["kind-worker", "kind-worker2"])
    }

    @Test func evictedPodIsKeptAndReplaced() throws {
        var engine = ScenarioEngine(scenario: scenario([web]), seed: 1, start: testStart)
        _ = engine.advance(to: at(10))
        let writes = engine.perform(.evict(target: "shop/web"), now: at(20))
        #expect(writes.podObjects.contains { $0[path: ["status", "reason"]] == "Evicted" })
        let pods = engine.pods(ofWorkload: "shop/web")
        #expect(pods.count == 3)
        #expect(pods.filter(\.isActive).count == 2)
    }

    @Test func sameSeedGivesIdenticalWrites() {
        func run(_ seed: UInt64) -> [ClusterWrite] {
            var engine = ScenarioEngine(scenario: .demo, seed: seed, start: testStart)
            return engine.advance(to: at(120))
        }
        #expect(run(5) == run(5))
        #expect(run(5) != run(6))
    }

    @Test func demoShowsEveryFailureWithinNinetySeconds() throws {
        var engine = ScenarioEngine(scenario: .demo, seed: 42, start: testStart)
        var writes: [ClusterWrite] = []
        while let next = engine.nextDeadline, next <= at(90) { writes += engine.advance(to: next) }
        let pods = writes.podObjects
        func seen(_ predicate: (JSONValue) -> Bool) -> Bool { pods.contains(where: predicate) }
        let statuses = pods.flatMap { ($0[path: ["status", "containerStatuses"]]?.arrayValue ?? []) + ($0[path: ["status", "initContainerStatuses"]]?.arrayValue ?? []) }
        let waiting = Set(statuses.compactMap(\.waitingReason))
        let terminated = Set(statuses.compactMap { $0[path: ["state", "terminated", "reason"]]?.stringValue })
        #expect(waiting.isSuperset(of: ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "ContainerCreating", "PodInitializing"]))
        #expect(terminated.isSuperset(of: ["Error", "OOMKilled", "Completed"]))
        #expect(seen { $0[path: ["status", "reason"]] == "Evicted" })
        #expect(seen { $0.phase == "Succeeded" })
        #expect(seen { $0[path: ["metadata", "deletionTimestamp"]] != nil })
        #expect(seen { $0.containerStatus()?["ready"] == false && $0.containerStatus()?[path: ["state", "running"]] != nil })
        #expect(!writes.deletions.isEmpty)
        let reasons = Set(writes.events.compactMap { $0["reason"]?.stringValue })
        #expect(reasons.isSuperset(of: ["Scheduled", "Pulling", "Pulled", "Created", "Started", "Killing", "BackOff", "Failed", "Unhealthy", "OOMKilling", "Evicted"]))
        let logText = writes.logs.map(\.text).joined()
        #expect(logText.contains("Traceback (most recent call last):"))
        #expect(logText.contains("panic: runtime error"))
        #expect(logText.contains("Killed\n"))
        #expect(logText.unicodeScalars.contains { !$0.isASCII })
        #expect(logText.split(separator: "\n").contains { $0.count > 50_000 })
        let replicaSets = Set(writes.compactMap { if case .apply(.replicaSets, let rs) = $0, rs[path: ["metadata", "labels", "app"]] == "frontend" { rs[path: ["metadata", "name"]]?.stringValue } else { nil } })
        #expect(replicaSets.count == 2)
    }
}

@Suite struct NodeLeaseTests {
    @Test func nodeLeasesRenewEveryTenSecondsWhenEnabled() throws {
        let scenario = Scenario(namespaces: ["shop"], nodes: ["n1", "n2"], workloads: [], nodeLeases: true)
        var engine = ScenarioEngine(scenario: scenario, seed: 1, start: testStart)
        let writes = engine.advance(to: at(25))
        let leases = writes.compactMap { if case .apply(.leases, let lease) = $0 { lease } else { nil } }
        #expect(leases.count == 6)
        #expect(leases.last?[path: ["metadata", "namespace"]] == "kube-node-lease")
        #expect(leases.last?[path: ["spec", "renewTime"]] == "2025-11-21T00:00:20.000000Z")
        #expect(leases.last?[path: ["spec", "holderIdentity"]] == "n2")
        #expect(writes.contains { if case .apply(.namespaces, let ns) = $0 { ns[path: ["metadata", "name"]] == "kube-node-lease" } else { false } })
        #expect(engine.nextDeadline == at(30))
        let parsed = try Scenario(yaml: "namespaces: [a]\nnodeLeases: true\nworkloads: []")
        #expect(parsed.nodeLeases)
    }
}
