import Foundation
import KubeJSON
import Testing
@testable import KubeletModel

@Suite struct FailureModesTests {
    @Test func imagePullFailureAlternatesErrImagePullAndImagePullBackOff() throws {
        let (_, writes) = simulate(podBlueprint(.imagePullFailure), until: 120)
        var reasons: [String] = []
        for object in writes.podObjects {
            if let reason = object.containerStatus()?.waitingReason, reasons.last != reason { reasons.append(reason) }
        }
        #expect(Array(reasons.prefix(5)) == ["ContainerCreating", "ErrImagePull", "ImagePullBackOff", "ErrImagePull", "ImagePullBackOff"])
        let backOff = try #require(writes.podObjects.last { $0.containerStatus()?.waitingReason == "ImagePullBackOff" })
        #expect(backOff.containerStatus()?.waitingMessage == "Back-off pulling image \"ghcr.io/acme/web:1.0\"")
        #expect(backOff.containerStatus()?["imageID"] == "")
        #expect(backOff.containerStatus()?["image"] == "ghcr.io/acme/web:1.0")
        #expect(backOff.containerStatus()?["containerID"] == nil)
        #expect(backOff.containerStatus()?["started"] == false)
        #expect(backOff.phase == "Pending")
        let pull = try #require(writes.podObjects.first { $0.containerStatus()?.waitingReason == "ErrImagePull" })
        #expect(pull.containerStatus()?.waitingMessage?.hasPrefix("failed to pull and unpack image \"ghcr.io/acme/web:1.0\"") == true)

        let failed = writes.events(reason: "Failed").compactMap { $0["message"]?.stringValue }
        #expect(failed.contains("Error: ErrImagePull"))
        #expect(failed.contains("Error: ImagePullBackOff"))
        #expect(failed.contains { $0.hasPrefix("Failed to pull image \"ghcr.io/acme/web:1.0\": ") })
        let backOffEvent = try #require(writes.events(reason: "BackOff").last)
        #expect(backOffEvent["message"] == "Back-off pulling image \"ghcr.io/acme/web:1.0\"")
        #expect(backOffEvent["type"] == "Normal")
        #expect((writes.events(reason: "Pulling").last?["count"]?.intValue ?? 0) >= 3)
    }

    @Test func configErrorKeepsTheContainerWaiting() throws {
        let message = "secret \"db-credentials\" not found"
        let (_, writes) = simulate(podBlueprint(.configError(message: message)), until: 60)
        let last = try #require(writes.podObjects.last)
        #expect(last.containerStatus()?.waitingReason == "CreateContainerConfigError")
        #expect(last.containerStatus()?.waitingMessage == .some(message))
        #expect(last.containerStatus()?["imageID"]?.stringValue?.isEmpty == false)
        #expect(last.phase == "Pending")
        let failed = try #require(writes.events(reason: "Failed").last)
        #expect(failed["message"] == .string("Error: \(message)"))
        #expect((failed["count"]?.intValue ?? 0) >= 2)
    }

    @Test func readinessFlapsWithUnhealthyEvents() throws {
        let (_, writes) = simulate(podBlueprint(.flapReadiness(period: 10)), until: 60)
        var readiness: [Bool] = []
        for object in writes.podObjects.dropFirst(2) {
            if let ready = object.containerStatus()?["ready"]?.boolValue, readiness.last != ready { readiness.append(ready) }
        }
        #expect(Array(readiness.prefix(4)) == [true, false, true, false])
        let unready = try #require(writes.podObjects.first { $0.containerStatus()?["ready"] == false && $0.containerStatus()?[path: ["state", "running"]] != nil })
        #expect(unready.condition("Ready")?["status"] == "False")
        #expect(unready.condition("Ready")?["message"] == "containers with unready status: [app]")
        #expect(unready.phase == "Running")
        #expect(writes.events(reason: "Unhealthy").first?["message"] == "Readiness probe failed: HTTP probe failed with statuscode: 503")
        #expect(unready[path: ["spec", "containers"]]?[0]?["readinessProbe"] != nil)
    }

    @Test func failingInitContainerShowsInitErrorThenInitCrashLoopBackOff() throws {
        let inits = [ContainerBlueprint(name: "migrate", image: "ghcr.io/acme/web:1.0", behaviour: .crashLoop(exit: .error(exitCode: 2), after: 3))]
        let (_, writes) = simulate(podBlueprint(initContainers: inits), until: 40)
        let failed = try #require(writes.podObjects.first { $0.initContainerStatus(0)?[path: ["state", "terminated", "exitCode"]] == 2 })
        #expect(failed.initContainerStatus(0)?[path: ["state", "terminated", "reason"]] == "Error")
        #expect(failed.phase == "Pending")
        #expect(failed.containerStatus()?.waitingReason == "PodInitializing")
        let looping = try #require(writes.podObjects.first { $0.initContainerStatus(0)?.waitingReason == "CrashLoopBackOff" })
        #expect(looping.condition("Initialized")?["status"] == "False")
        #expect(looping.condition("Initialized")?["message"] == "containers with incomplete status: [migrate]")
        #expect(writes.events(reason: "BackOff").first?[path: ["involvedObject", "fieldPath"]] == "spec.initContainers{migrate}")
        #expect(writes.podObjects.allSatisfy { $0.containerStatus()?[path: ["state", "running"]] == nil })
    }

    @Test func sidecarCrashRestartsItWhileTheMainContainerKeepsRunning() throws {
        let inits = [ContainerBlueprint(name: "proxy", image: "envoyproxy/envoy:v1.31", isSidecar: true, behaviour: .crashLoop(exit: .error(exitCode: 1), after: 10))]
        let (_, writes) = simulate(podBlueprint(initContainers: inits), until: 45)
        let looping = try #require(writes.podObjects.first { $0.initContainerStatus(0)?.waitingReason == "CrashLoopBackOff" })
        #expect(looping.phase == "Running")
        #expect(looping.containerStatus()?[path: ["state", "running"]] != nil)
        #expect(looping.condition("Ready")?["message"] == "containers with unready status: [proxy]")
        #expect((writes.podObjects.last?.initContainerStatus(0)?["restartCount"]?.intValue ?? 0) >= 1)
    }

    @Test func evictionFailsThePodWithTheKubeletMessage() throws {
        var pod = PodSimulation(blueprint: podBlueprint(), random: SeededRandom(seed: 5), now: testStart)
        _ = pod.create(now: testStart)
        _ = pod.tick(now: at(10))
        let writes = pod.evict(now: at(20))
        let object = try #require(writes.podObjects.last)
        #expect(object.phase == "Failed")
        #expect(object[path: ["status", "reason"]] == "Evicted")
        let message = try #require(object[path: ["status", "message"]]?.stringValue)
        #expect(message.hasPrefix("The node was low on resource: memory. Threshold quantity: 100Mi, available: "))
        #expect(message.contains("Container app was using "))
        #expect(message.hasSuffix(", request is 128Mi, has larger consumption of memory. "))
        let conditions = try #require(object[path: ["status", "conditions"]]?.arrayValue)
        #expect(conditions.first?["type"] == "DisruptionTarget")
        #expect(conditions.first?["reason"] == "TerminationByKubelet")
        #expect(conditions.first?["message"] == .string(message))
        #expect(object.condition("Ready")?["reason"] == "PodFailed")
        #expect(object.condition("PodReadyToStartContainers")?["status"] == "False")
        #expect(object.containerStatus()?[path: ["state", "terminated", "exitCode"]] == 137)
        #expect(object.containerStatus()?["ready"] == false)
        let evicted = try #require(writes.events(reason: "Evicted").first)
        #expect(evicted["type"] == "Warning")
        #expect(evicted["message"] == .string(message))
        #expect(writes.events(reason: "Killing").first?["message"] == "Stopping container app")
        #expect(!pod.isActive && pod.nextDeadline == nil)
        #expect(pod.evict(now: at(30)).isEmpty)
    }

    @Test func gracefulDeletionTerminatesWith143AndThenDeletes() throws {
        var pod = PodSimulation(blueprint: podBlueprint(), random: SeededRandom(seed: 5), now: testStart)
        _ = pod.create(now: testStart)
        _ = pod.tick(now: at(10))
        let deleting = pod.delete(now: at(20))
        let marked = try #require(deleting.podObjects.last)
        #expect(marked[path: ["metadata", "deletionTimestamp"]] == "2025-11-21T00:00:50Z")
        #expect(marked[path: ["metadata", "deletionGracePeriodSeconds"]] == 30)
        #expect(marked.containerStatus()?[path: ["state", "running"]] != nil)
        #expect(deleting.events(reason: "Killing").first?["message"] == "Stopping container app")
        #expect(deleting.logs.last?.text.contains("received SIGTERM") == true)
        let stopping = pod.tick(now: at(21))
        let stopped = try #require(stopping.podObjects.last)
        #expect(stopped.containerStatus()?[path: ["state", "terminated", "exitCode"]] == 143)
        #expect(stopped[path: ["metadata", "deletionTimestamp"]] != nil)
        #expect(stopped.phase == "Failed")
        #expect(stopping.deletions.isEmpty)
        #expect(pod.tick(now: at(22)).deletions == ["shop/web-7d9c5b8f4d-x7k2p"])
        #expect(pod.isRemoved)
        #expect(pod.tick(now: at(100)).isEmpty)
    }

    @Test func deletionWithZeroGraceKillsWith137() throws {
        var pod = PodSimulation(blueprint: podBlueprint(), random: SeededRandom(seed: 5), now: testStart)
        _ = pod.create(now: testStart)
        _ = pod.tick(now: at(10))
        let writes = pod.delete(now: at(20), gracePeriodSeconds: 0)
        #expect(writes.podObjects.last?.containerStatus()?[path: ["state", "terminated", "exitCode"]] == 137)
        #expect(writes.deletions.isEmpty)
        #expect(pod.tick(now: at(21)).deletions.count == 1)
    }

    @Test func sameSeedSameWrites() {
        let a = simulate(podBlueprint(.crashLoop(exit: .error(), after: 20)), until: 900, seed: 99).1
        let b = simulate(podBlueprint(.crashLoop(exit: .error(), after: 20)), until: 900, seed: 99).1
        let c = simulate(podBlueprint(.crashLoop(exit: .error(), after: 20)), until: 900, seed: 100).1
        #expect(a == b)
        #expect(a != c)
    }
}
