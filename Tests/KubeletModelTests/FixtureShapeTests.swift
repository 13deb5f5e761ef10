import Foundation
import KubeJSON
import Testing
@testable import KubeletModel

/// Produced objects must look like real ones: same fields, same key order as the apiserver's
/// Go structs (the *allfields* fixture lists every field in that order).
@Suite struct FixtureShapeTests {
    /// Fields whose values are Go maps (arbitrary keys, sorted) rather than structs.
    private static let mapFields: Set<String> = [
        "labels", "annotations", "limits", "requests", "nodeSelector", "fieldsV1", "allocatedResources", "capacity", "allocatable",
    ]

    /// Checks, recursively, that every key of `produced` exists in `reference` and that shared keys
    /// come in the reference's order.
    private func checkShape(_ produced: JSONValue, _ reference: JSONValue, path: String, issues: inout [String]) {
        switch (produced, reference) {
        case (.object(let ours), .object(let theirs)):
            let order = Dictionary(theirs.keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            var last = -1
            for (key, value) in ours {
                guard let position = order[key] else {
                    issues.append("\(path).\(key) is not a field of the real object")
                    continue
                }
                if position < last { issues.append("\(path).\(key) is out of order") }
                last = position
                if Self.mapFields.contains(key) { continue }
                if let other = theirs[key] { checkShape(value, other, path: "\(path).\(key)", issues: &issues) }
            }
        case (.array(let ours), .array(let theirs)):
            guard let model = theirs.first else { return }
            for (index, item) in ours.enumerated() { checkShape(item, model, path: "\(path)[\(index)]", issues: &issues) }
        default:
            return
        }
    }

    private func shapeIssues(_ pod: JSONValue) throws -> [String] {
        var reference = try fixture("pod-allfields-roundtrip-fixture.json")
        // The fixture's state holds all three members; each of ours holds one, so compare member-wise.
        reference[path: ["metadata", "deletionTimestamp"]] = "x"
        var issues: [String] = []
        checkShape(pod, reference, path: "pod", issues: &issues)
        return issues
    }

    private func podsInEveryState() -> [JSONValue] {
        var objects: [JSONValue] = []
        let inits = [ContainerBlueprint(name: "migrate", image: "busybox:1.36"), ContainerBlueprint(name: "proxy", image: "envoyproxy/envoy:v1.31", isSidecar: true)]
        objects += simulate(podBlueprint(.crashLoop(exit: .error(), after: 20), initContainers: inits), until: 90).1.podObjects
        objects += simulate(podBlueprint(.imagePullFailure), until: 40).1.podObjects
        objects += simulate(podBlueprint(.flapReadiness(period: 10)), until: 40).1.podObjects
        var evicted = PodSimulation(blueprint: podBlueprint(), random: SeededRandom(seed: 1), now: testStart)
        objects += evicted.create(now: testStart).podObjects
        objects += evicted.tick(now: at(10)).podObjects
        objects += evicted.evict(now: at(20)).podObjects
        objects += evicted.delete(now: at(30)).podObjects
        return objects
    }

    @Test func podsHaveRealFieldsInServerOrder() throws {
        for pod in podsInEveryState() {
            let issues = try shapeIssues(pod)
            #expect(issues.isEmpty, "\(issues)")
        }
        let bulk = ScenarioEngine.bulk(pods: 3, namespaces: 1, seed: 1, start: testStart)
        for pod in bulk.currentPods {
            let issues = try shapeIssues(pod.render())
            #expect(issues.isEmpty, "\(issues)")
        }
    }

    @Test func crashLoopPodMatchesTheRealCrashLoopExample() throws {
        let real = try fixture("pod-crashloopbackoff-aks.json")
        let ours = try #require(simulate(podBlueprint(.crashLoop(exit: .error(exitCode: 255), after: 20)), until: 60).1.podObjects.last {
            $0.containerStatus()?.waitingReason == "CrashLoopBackOff"
        })
        let realStatus = try #require(real.containerStatus()?.objectValue)
        let ourStatus = try #require(ours.containerStatus()?.objectValue)
        #expect(Set(ourStatus.keys) == Set(realStatus.keys))
        #expect(Set(ours["status"]?.objectValue?.keys ?? []) == Set(real["status"]?.objectValue?.keys ?? []))
        #expect(ours[path: ["status", "conditions"]]?.arrayValue?.map { $0["type"] } == real[path: ["status", "conditions"]]?.arrayValue?.map { $0["type"] })
        #expect(Set(ours.condition("Ready")?.objectValue?.keys ?? []) == Set(real.condition("Ready")?.objectValue?.keys ?? []))
        #expect(Set(ours.containerStatus()?[path: ["lastState", "terminated"]]?.objectValue?.keys ?? [])
                == Set(real.containerStatus()?[path: ["lastState", "terminated"]]?.objectValue?.keys ?? []))
        #expect(ours.containerStatus()?["volumeMounts"]?[0] == real.containerStatus()?["volumeMounts"]?[0].map { mount in
            var copy = mount
            copy["name"] = ours.containerStatus()?["volumeMounts"]?[0]?["name"]
            return copy
        })
        let volume = try #require(ours[path: ["spec", "volumes"]]?[0])
        var realVolume = try #require(real[path: ["spec", "volumes"]]?[0])
        realVolume["name"] = volume["name"]
        #expect(volume == realVolume)
        #expect(ours[path: ["spec", "tolerations"]]?.arrayValue?.count == 2)
        let message = try #require(ours.containerStatus()?.waitingMessage)
        let realMessage = try #require(real.containerStatus()?.waitingMessage)
        #expect(message.split(separator: " ").prefix(4).dropFirst(2) == realMessage.split(separator: " ").prefix(4).dropFirst(2))
    }

    @Test func imagePullPodMatchesTheRealExample() throws {
        let real = try fixture("pod-imagepullbackoff-eks.json")
        let ours = try #require(simulate(podBlueprint(.imagePullFailure), until: 40).1.podObjects.last {
            $0.containerStatus()?.waitingReason == "ImagePullBackOff"
        })
        #expect(ours.containerStatus()?.objectValue?.keys == real.containerStatus()?.objectValue?.keys)
        #expect(ours["status"]?.objectValue?.keys == real["status"]?.objectValue?.keys)
        #expect(ours.phase == real.phase)
    }

    @Test func evictedPodMatchesTheRealExample() throws {
        let real = try fixture("pod-evicted-memory-pressure-synthesized.json")
        var pod = PodSimulation(blueprint: podBlueprint(), random: SeededRandom(seed: 1), now: testStart)
        _ = pod.create(now: testStart)
        _ = pod.tick(now: at(10))
        let ours = try #require(pod.evict(now: at(20)).podObjects.last)
        #expect(ours["status"]?.objectValue?.keys == real["status"]?.objectValue?.keys)
        #expect(ours[path: ["status", "conditions"]]?.arrayValue?.map { $0["type"] } == real[path: ["status", "conditions"]]?.arrayValue?.map { $0["type"] })
        #expect(ours[path: ["status", "conditions"]]?[0]?.objectValue?.keys == real[path: ["status", "conditions"]]?[0]?.objectValue?.keys)
    }

    @Test func sidecarPodMatchesTheRealExample() throws {
        let real = try fixture("pod-sidecar-init-running-kind.json")
        let inits = [ContainerBlueprint(name: "init", image: "istio/base"), ContainerBlueprint(name: "sidecar", image: "istio/base", isSidecar: true)]
        let ours = try #require(simulate(podBlueprint(initContainers: inits), until: 30).1.podObjects.last)
        #expect(Set(ours.initContainerStatus(0)?.objectValue?.keys ?? []) == Set(real.initContainerStatus(0)?.objectValue?.keys ?? []))
        #expect(ours.initContainerStatus(0)?["ready"] == real.initContainerStatus(0)?["ready"])
        #expect(ours.initContainerStatus(0)?["started"] == real.initContainerStatus(0)?["started"])
        #expect(ours.initContainerStatus(1)?["started"] == real.initContainerStatus(1)?["started"])
        #expect(ours.initContainerStatus(1)?["ready"] == real.initContainerStatus(1)?["ready"])
        #expect(ours[path: ["status", "conditions"]]?.arrayValue?.map { $0["status"] } == real[path: ["status", "conditions"]]?.arrayValue?.map { $0["status"] })
    }

    @Test func eventsHaveTheRealKeysInOrder() throws {
        let real = try fixture("event-core-v1-backoff-crashloop-kind.json")
        let writes = simulate(podBlueprint(.crashLoop(exit: .error(), after: 20)), until: 60).1
        let ours = try #require(writes.events(reason: "BackOff").first)
        #expect(ours.objectValue?.keys == real.objectValue?.keys)
        #expect(ours["involvedObject"]?.objectValue?.keys == real["involvedObject"]?.objectValue?.keys.filter { $0 != "resourceVersion" })
        #expect(ours["metadata"]?.objectValue?.keys == real["metadata"]?.objectValue?.keys.filter { $0 != "resourceVersion" })
        let allFields = try fixture("event-core-v1-allfields-roundtrip-fixture.json")
        for event in writes.events {
            var issues: [String] = []
            checkShape(event, allFields, path: "event", issues: &issues)
            #expect(issues.isEmpty, "\(issues)")
        }
    }

    @Test func exemplarPodsAreTheSizeAndShapeOfTheUpstreamExemplar() throws {
        let real = try fixture("pod-benchmark-exemplar-upstream.json")
        let engine = ScenarioEngine.bulk(pods: 2, namespaces: 1, seed: 1, start: testStart)
        let ours = try #require(engine.currentPods.first).render()
        let size = ours.serialized().count
        #expect(size > 12_000 && size < 17_000, "compact size \(size)")
        #expect(Set(ours["spec"]?.objectValue?.keys ?? []) == Set(real["spec"]?.objectValue?.keys ?? []))
        #expect(Set(ours["metadata"]?.objectValue?.keys ?? []) == Set(real["metadata"]?.objectValue?.keys ?? []).subtracting(["resourceVersion"]))
        #expect(Set(ours["status"]?.objectValue?.keys ?? []) == Set(real["status"]?.objectValue?.keys ?? []))
        #expect(ours[path: ["metadata", "managedFields"]]?.arrayValue?.count == 2)
        #expect(ours[path: ["spec", "containers"]]?[0]?["env"] == real[path: ["spec", "containers"]]?[0]?["env"])
    }
}
