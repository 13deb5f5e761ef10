import Foundation
import KubeJSON
import Testing
@testable import KubeletModel

@Suite struct PodStartupTests {
    @Test func createdPodIsPendingWithOnlyPodScheduledAndASchedulerEvent() throws {
        var pod = PodSimulation(blueprint: podBlueprint(), random: SeededRandom(seed: 1), now: testStart)
        let writes = pod.create(now: testStart)
        let object = try #require(writes.podObjects.first)
        #expect(object.phase == "Pending")
        #expect(object[path: ["status", "conditions"]]?.arrayValue?.count == 1)
        #expect(object.condition("PodScheduled")?["status"] == "True")
        #expect(object[path: ["status", "qosClass"]] == "Burstable")
        let scheduled = try #require(writes.events(reason: "Scheduled").first)
        #expect(scheduled["message"] == "Successfully assigned shop/web-7d9c5b8f4d-x7k2p to kind-worker")
        #expect(scheduled["eventTime"] == "2025-11-21T00:00:00.000000Z")
        #expect(scheduled["reportingComponent"] == "default-scheduler")
        #expect(scheduled["firstTimestamp"] == .null)
        #expect(pod.nextDeadline == at(1))
    }

    @Test func kubeletAdmitsPullsAndStartsTheContainer() throws {
        let (pod, writes) = simulate(podBlueprint(), until: 10)
        let first = try #require(writes.podObjects.dropFirst().first)
        #expect(first.phase == "Pending")
        #expect(first.containerStatus()?.waitingReason == "ContainerCreating")
        #expect(first.containerStatus()?["imageID"] == "")
        #expect(first.containerStatus()?["lastState"] == .object(JSONObject()))
        #expect(first.containerStatus()?["containerID"] == nil)
        #expect(first.condition("Ready")?["message"] == "containers with unready status: [app]")
        #expect(first[path: ["status", "podIP"]] == "10.244.1.2")

        let last = try #require(writes.podObjects.last)
        #expect(last.phase == "Running")
        #expect(last.condition("Ready")?["status"] == "True")
        #expect(last.condition("ContainersReady")?["status"] == "True")
        let status = try #require(last.containerStatus())
        #expect(status["ready"] == true)
        #expect(status["started"] == true)
        #expect(status["restartCount"] == 0)
        #expect(status[path: ["state", "running", "startedAt"]]?.stringValue != nil)
        #expect(status["image"] == "ghcr.io/acme/web:1.0")
        #expect(status["imageID"]?.stringValue?.hasPrefix("ghcr.io/acme/web@sha256:") == true)
        let containerID = try #require(status["containerID"]?.stringValue)
        #expect(containerID.hasPrefix("containerd://") && containerID.count == "containerd://".count + 64)
        #expect(pod.isReady)

        #expect(writes.events.map { $0["reason"]?.stringValue ?? "" } == ["Scheduled", "Pulling", "Pulled", "Created", "Started"])
        #expect(writes.events(reason: "Pulling").first?["message"] == "Pulling image \"ghcr.io/acme/web:1.0\"")
        #expect(writes.events(reason: "Created").first?["message"] == "Created container app")
        #expect(writes.events(reason: "Started").first?[path: ["involvedObject", "fieldPath"]] == "spec.containers{app}")
        let pulled = try #require(writes.events(reason: "Pulled").first?["message"]?.stringValue)
        #expect(pulled.hasPrefix("Successfully pulled image \"ghcr.io/acme/web:1.0\" in "))
        #expect(pulled.hasSuffix(" bytes."))
        // The first log lines belong to the running instance.
        #expect(writes.logs.first?.containerID == containerID)
        #expect(writes.logs.first?.text.contains("starting app") == true)
    }

    @Test func initContainersRunInOrderThenSidecarThenMain() throws {
        let inits = [
            ContainerBlueprint(name: "migrate", image: "ghcr.io/acme/web:1.0"),
            ContainerBlueprint(name: "proxy", image: "envoyproxy/envoy:v1.31", isSidecar: true),
        ]
        let (_, writes) = simulate(podBlueprint(initContainers: inits), until: 30)
        let objects = writes.podObjects
        let admitted = try #require(objects.dropFirst().first)
        #expect(admitted.initContainerStatus(0)?.waitingReason == "PodInitializing")
        #expect(admitted.containerStatus()?.waitingReason == "PodInitializing")
        #expect(admitted.condition("Initialized")?["reason"] == "ContainersNotInitialized")
        #expect(admitted.condition("Initialized")?["message"] == "containers with incomplete status: [migrate proxy]")
        let last = try #require(objects.last)
        #expect(last.phase == "Running")
        let migrate = try #require(last.initContainerStatus(0))
        #expect(migrate[path: ["state", "terminated", "reason"]] == "Completed")
        #expect(migrate[path: ["state", "terminated", "exitCode"]] == 0)
        #expect(migrate["ready"] == true)
        #expect(migrate["started"] == false)
        let proxy = try #require(last.initContainerStatus(1))
        #expect(proxy[path: ["state", "running"]] != nil)
        #expect(proxy["started"] == true)
        #expect(last.condition("Initialized")?["status"] == "True")
        #expect(last.condition("Ready")?["status"] == "True")
        // The sidecar carries restartPolicy Always in the spec, like the real marker.
        #expect(last[path: ["spec", "initContainers"]]?[1]?["restartPolicy"] == "Always")
        let started = writes.events(reason: "Started").compactMap { $0[path: ["involvedObject", "fieldPath"]]?.stringValue }
        #expect(started == ["spec.initContainers{migrate}", "spec.initContainers{proxy}", "spec.containers{app}"])
    }
}
