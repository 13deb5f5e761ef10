import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

@Suite struct DetectionPodLevelTests {
    typealias P = DetectionPods

    private func unready(since: Int = 0, phase: String = "Running") throws -> Pod {
        try P.pod(phase: phase, conditions: [P.readyCondition("False", reason: "ContainersNotReady", since: since)], statuses: [P.status(ready: false)])
    }

    private func ready(since: Int) throws -> Pod {
        try P.pod(conditions: [P.readyCondition("True", since: since)], statuses: [P.status(ready: true)])
    }

    @Test func aPodNotReadyBeyondTheThresholdIsReportedByTickOnce() throws {
        var detector = P.liveDetector(CrashDetector.Configuration(notReadyThreshold: 60))
        #expect(detector.observe(.modified(try unready()), now: P.t0.addingTimeInterval(10)).isEmpty)
        #expect(detector.tick(now: P.t0.addingTimeInterval(59)).isEmpty)
        let incidents = detector.tick(now: P.t0.addingTimeInterval(60))
        let incident = try #require(incidents.first)
        #expect(incidents.count == 1 && incident.kind == .notReady)
        #expect(incident.reason == "ContainersNotReady" && incident.message == "containers with unready status: [web]")
        #expect(incident.notReadySince == P.t0 && incident.identity == "u-1/notReady:\(P.time(0))")
        #expect(incident.owner?.name == "web-7d9f" && incident.node == "node-1")
        #expect(detector.tick(now: P.t0.addingTimeInterval(600)).isEmpty)
        #expect(detector.observe(.modified(try unready()), now: P.t0.addingTimeInterval(700)).isEmpty)
    }

    @Test func anEventPastTheThresholdReportsWithoutTick() throws {
        var detector = P.liveDetector()
        #expect(detector.observe(.modified(try unready()), now: P.t0.addingTimeInterval(3600)).map(\.kind) == [.notReady])
    }

    @Test(arguments: [false, true])
    func readyAgainFollowsAReportedNotReadyWhenConfigured(report: Bool) throws {
        var detector = P.liveDetector(CrashDetector.Configuration(notReadyThreshold: 60, reportRecovery: report))
        _ = detector.observe(.modified(try unready()), now: P.t0)
        #expect(detector.tick(now: P.t0.addingTimeInterval(61)).count == 1)
        let back = detector.observe(.modified(try ready(since: 90)), now: P.t0.addingTimeInterval(90))
        #expect(back.map(\.kind) == (report ? [.readyAgain] : []))
        #expect(detector.unreadyPodCount == 0 && detector.rememberedPodCount == 0)
        // A short unready blip that never reached the threshold has nothing to recover from.
        _ = detector.observe(.modified(try unready(since: 100)), now: P.t0.addingTimeInterval(100))
        #expect(detector.observe(.modified(try ready(since: 110)), now: P.t0.addingTimeInterval(110)).isEmpty)
    }

    @Test func completedFailedAndTerminatingPodsAreNotTimed() throws {
        var detector = P.liveDetector()
        let later = P.t0.addingTimeInterval(3600)
        let completed = try P.pod(
            phase: "Succeeded", conditions: [P.readyCondition("False", reason: "PodCompleted")],
            statuses: [P.status(state: P.terminated(exitCode: 0, reason: "Completed"))])
        #expect(detector.observe(.modified(completed), now: later).isEmpty)
        #expect(detector.observe(.modified(try unready(phase: "Failed")), now: later).isEmpty)
        let terminating = try P.pod(name: "web-2", deleting: true, conditions: [P.readyCondition("False", reason: "ContainersNotReady")])
        #expect(detector.observe(.modified(terminating), now: later).isEmpty)
        #expect(detector.tick(now: later).isEmpty && detector.unreadyPodCount == 0)
    }

    @Test func anUnschedulablePodIsTimedFromPodScheduled() throws {
        var detector = P.liveDetector()
        let pending = try P.pod(
            phase: "Pending",
            conditions: [#"{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/3 nodes are available","lastTransitionTime":"\#(P.time(0))"}"#])
        #expect(detector.observe(.modified(pending), now: P.t0).isEmpty)
        #expect(detector.tick(now: P.t0.addingTimeInterval(120)).map(\.reason) == ["Unschedulable"])
    }

    @Test func noThresholdDisablesNotReady() throws {
        var detector = P.liveDetector(CrashDetector.Configuration(notReadyThreshold: nil))
        #expect(detector.observe(.modified(try unready()), now: P.t0.addingTimeInterval(3600)).isEmpty)
        #expect(detector.tick(now: P.t0.addingTimeInterval(7200)).isEmpty)
    }

    @Test func anEvictedPodIsOneIncidentAndItsKilledContainersAreNotCrashes() throws {
        var detector = P.liveDetector()
        let evicted = try P.fixture("pod-evicted-memory-pressure-synthesized")
        let incidents = detector.feed([evicted, evicted])
        #expect(incidents.map(\.kind) == [.podEvicted])
        #expect(incidents.first?.reason == "Evicted")
        #expect(incidents.first?.message?.hasPrefix("The node was low on resource: memory.") == true)
        #expect(incidents.first?.identity == "00000000-0000-4000-8000-000000000005/podEvicted:Evicted")
    }

    @Test func aPodFailedWithAReasonIsReportedOnce() throws {
        var detector = P.liveDetector()
        let failed = try P.pod(
            phase: "Failed", reason: "DeadlineExceeded", message: "Pod was active on the node longer than the specified deadline",
            statuses: [P.status(state: P.terminated(exitCode: 137, reason: "Error"))])
        let incidents = detector.feed([failed, failed])
        #expect(incidents.map(\.kind) == [.podFailed])
        #expect(incidents.first?.reason == "DeadlineExceeded")
    }
}
