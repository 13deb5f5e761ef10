import Foundation
import KubeJSON
import Testing
@testable import KubeletModel

@Suite struct CrashLoopTests {
    private let crashing = ContainerBehaviour.crashLoop(exit: .error(exitCode: 1), after: 20)

    @Test func crashShowsTerminatedThenCrashLoopBackOffThenRestarts() throws {
        let (pod, writes) = simulate(podBlueprint(crashing), until: 60)
        let objects = writes.podObjects
        let terminatedIndex = try #require(objects.firstIndex { $0.containerStatus()?[path: ["state", "terminated"]] != nil })
        let terminated = objects[terminatedIndex]
        let state = try #require(terminated.containerStatus()?[path: ["state", "terminated"]])
        #expect(state["exitCode"] == 1)
        #expect(state["reason"] == "Error")
        #expect(state["containerID"] == terminated.containerStatus()?["containerID"])
        #expect(terminated.containerStatus()?["ready"] == false)
        #expect(terminated.containerStatus()?["started"] == false)
        #expect(terminated.containerStatus()?["restartCount"] == 0)
        #expect(terminated.phase == "Running")
        #expect(terminated.condition("Ready")?["reason"] == "ContainersNotReady")

        let backOff = objects[terminatedIndex + 1]
        let status = try #require(backOff.containerStatus())
        #expect(status.waitingReason == "CrashLoopBackOff")
        #expect(status.waitingMessage == "back-off 10s restarting failed container=app pod=web-7d9c5b8f4d-x7k2p_shop(\(pod.uid))")
        #expect(status[path: ["lastState", "terminated", "exitCode"]] == 1)
        #expect(status[path: ["lastState", "terminated", "containerID"]] == state["containerID"])
        #expect(status["restartCount"] == 0)
        #expect(backOff.phase == "Running")

        let restarted = objects[terminatedIndex + 2]
        #expect(restarted.containerStatus()?["restartCount"] == 1)
        #expect(restarted.containerStatus()?[path: ["state", "running"]] != nil)
        #expect(restarted.containerStatus()?[path: ["lastState", "terminated", "reason"]] == "Error")
        #expect(restarted.containerStatus()?["containerID"] != state["containerID"])

        let event = try #require(writes.events(reason: "BackOff").first)
        #expect(event["type"] == "Warning")
        #expect(event["message"] == .string("Back-off restarting failed container app in pod web-7d9c5b8f4d-x7k2p_shop(\(pod.uid))"))
        #expect(writes.events(reason: "Pulled").last?["message"] == "Container image \"ghcr.io/acme/web:1.0\" already present on machine")
    }

    @Test func backOffDoublesFromTenSecondsToFiveMinutes() {
        let (_, writes) = simulate(podBlueprint(crashing), until: 3 * 3600)
        var messages: [String] = []
        var inBackOff = false
        for object in writes.podObjects {
            let message = object.containerStatus()?.waitingMessage
            if let message, message.hasPrefix("back-off"), !inBackOff { messages.append(message) }
            inBackOff = message?.hasPrefix("back-off") == true
        }
        let durations = messages.map { String($0.split(separator: " ")[1]) }
        #expect(Array(durations.prefix(7)) == ["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"])
        #expect(Set(durations.dropFirst(5)) == ["5m0s"])
    }

    @Test func backOffResetsAfterTenMinutesOfRunning() {
        let (_, writes) = simulate(podBlueprint(.crashLoop(exit: .error(), after: 700)), until: 3000)
        let durations = Set(writes.podObjects.compactMap { $0.containerStatus()?.waitingMessage?.split(separator: " ").dropFirst().first.map(String.init) })
        #expect(durations == ["10s"])
    }

    @Test func restartCountGrowsAndEventsAggregateUnderOneName() throws {
        let (pod, writes) = simulate(podBlueprint(crashing), until: 600)
        let restarts = try #require(writes.podObjects.last?.containerStatus()?["restartCount"]?.intValue)
        #expect(restarts >= 5)
        let backOffs = writes.events(reason: "BackOff")
        #expect(Set(backOffs.compactMap { $0[path: ["metadata", "name"]]?.stringValue }).count == 1)
        #expect(backOffs.last?["count"]?.intValue == Int64(backOffs.count))
        #expect(backOffs.first?["firstTimestamp"] == backOffs.last?["firstTimestamp"])
        #expect(backOffs.first?["lastTimestamp"] != backOffs.last?["lastTimestamp"])
        let name = try #require(backOffs.first?[path: ["metadata", "name"]]?.stringValue)
        #expect(name.hasPrefix("\(pod.name)."))
        #expect(backOffs.first?["source"] == ["component": "kubelet", "host": "kind-worker"])
        #expect(backOffs.first?["eventTime"] == .null)
        #expect(backOffs.first?["reportingInstance"] == "kind-worker")
    }

    @Test func longBackOffsRepeatTheBackOffEventWithoutTouchingThePod() throws {
        let (pod, writes) = simulate(podBlueprint(crashing), until: 1800)
        let restarts = try #require(pod.render().containerStatus()?["restartCount"]?.intValue)
        let backOffs = writes.events(reason: "BackOff")
        #expect(backOffs.count > Int(restarts) + 10)
        #expect(backOffs.last?["count"]?.intValue == Int64(backOffs.count))
        // A reminder is an event only: the pod object is written once per real transition.
        let podWrites = writes.podObjects.count
        #expect(podWrites < backOffs.count + 4 * Int(restarts) + 10)
    }

    @Test func logsAreKeptPerContainerInstanceWithLastWordsBeforeTheCrash() throws {
        // Until the second instance is running: one previous instance, one current.
        let (pod, writes) = simulate(podBlueprint(crashing), until: 45)
        let previous = try #require(pod.previousContainerID(of: "app"))
        let current = try #require(pod.containerID(of: "app"))
        #expect(previous != current)
        let previousText = writes.logs.filter { $0.containerID == previous }.map(\.text).joined()
        #expect(previousText.contains("starting app"))
        #expect(previousText.contains("Traceback (most recent call last):"))
        let currentText = writes.logs.filter { $0.containerID == current }.map(\.text).joined()
        #expect(currentText.contains("starting app"))
        #expect(!currentText.contains("Traceback"))
        // The last words are written before the pod shows the container terminated.
        let lastWords = try #require(writes.firstIndex { if case .appendLog(_, _, _, _, let text) = $0 { text.contains("Traceback") } else { false } })
        let terminated = try #require(writes.firstIndex {
            if case .apply(.pods, let pod) = $0 { pod.containerStatus()?[path: ["state", "terminated"]] != nil } else { false }
        })
        #expect(lastWords < terminated)
    }

    @Test func oomKillReportsOOMKilledAndANodeEvent() throws {
        var pod = PodSimulation(blueprint: podBlueprint(), random: SeededRandom(seed: 3), now: testStart)
        _ = pod.create(now: testStart)
        _ = pod.tick(now: at(10))
        let writes = pod.oomKill("app", now: at(12))
        let object = try #require(writes.podObjects.last)
        let state = try #require(object.containerStatus()?[path: ["state", "terminated"]])
        #expect(state["reason"] == "OOMKilled")
        #expect(state["exitCode"] == 137)
        #expect(state["finishedAt"] == "2025-11-21T00:00:12Z")
        let event = try #require(writes.events(reason: "OOMKilling").first)
        #expect(event[path: ["involvedObject", "kind"]] == "Node")
        #expect(event["message"]?.stringValue?.hasPrefix("Memory cgroup out of memory: Killed process ") == true)
        #expect(writes.logs.last?.text.hasSuffix("Killed\n") == true)
        let later = pod.tick(now: at(14))
        #expect(later.podObjects.last?.containerStatus()?[path: ["lastState", "terminated", "reason"]] == "OOMKilled")
        #expect(later.podObjects.last?.containerStatus()?.waitingReason == "CrashLoopBackOff")
    }

    @Test func startErrorHasEpochStartAndExit128() throws {
        let (_, writes) = simulate(podBlueprint(.crashLoop(exit: .startError, after: 0)), until: 8)
        let terminations: [JSONValue] = writes.podObjects.compactMap { object in object.containerStatus()?[path: ["state", "terminated"]] }
        let terminated = try #require(terminations.first)
        #expect(terminated["reason"] == "StartError")
        #expect(terminated["exitCode"] == 128)
        #expect(terminated["startedAt"] == "1970-01-01T00:00:00Z")
        #expect(terminated["message"]?.stringValue?.hasPrefix("failed to create containerd task") == true)
    }

    @Test func jobPodCompletesAndSucceeds() throws {
        let (pod, writes) = simulate(podBlueprint(.completes(after: 10, exitCode: 0), restartPolicy: .never), until: 30)
        let last = try #require(writes.podObjects.last)
        #expect(last.phase == "Succeeded")
        #expect(last.containerStatus()?[path: ["state", "terminated", "reason"]] == "Completed")
        #expect(last.containerStatus()?[path: ["state", "terminated", "exitCode"]] == 0)
        #expect(last.condition("Ready")?["reason"] == "PodCompleted")
        #expect(last.condition("PodReadyToStartContainers")?["status"] == "False")
        #expect(pod.nextDeadline == nil)
        #expect(writes.events(reason: "BackOff").isEmpty)
    }

    @Test func failedJobPodWithRestartNeverIsFailed() throws {
        let (_, writes) = simulate(podBlueprint(.completes(after: 10, exitCode: 2), restartPolicy: .never), until: 30)
        let last = try #require(writes.podObjects.last)
        #expect(last.phase == "Failed")
        #expect(last.containerStatus()?[path: ["state", "terminated", "reason"]] == "Error")
        #expect(last.condition("Ready")?["reason"] == "PodFailed")
    }
}
