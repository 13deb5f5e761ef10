import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

@Suite struct DetectionWaitingTests {
    typealias P = DetectionPods

    @Test func imagePullFailuresAreOneEpisodeWhateverTheAlternation() throws {
        var detector = P.liveDetector()
        let incidents = detector.feed(try [
            P.pod(phase: "Pending", statuses: [P.status(state: P.waiting("ContainerCreating"))]),
            P.pod(phase: "Pending", statuses: [P.status(state: P.waiting("ErrImagePull", message: "not found"))]),
            P.pod(phase: "Pending", statuses: [P.status(state: P.waiting("ImagePullBackOff"))]),
            P.pod(phase: "Pending", statuses: [P.status(state: P.waiting("ErrImagePull"))]),
            P.pod(phase: "Pending", statuses: [P.status(state: P.waiting("ImagePullBackOff"))]),
        ])
        #expect(incidents.map(\.kind) == [.cannotStart])
        #expect(incidents.first?.reason == "ErrImagePull" && incidents.first?.message == "not found")
        #expect(incidents.first?.identity == "u-1/web/cannotStart:0:ImagePull")
    }

    @Test(arguments: [false, true])
    func recoveryIsReportedOnlyWhenConfigured(report: Bool) throws {
        var detector = P.liveDetector(CrashDetector.Configuration(reportRecovery: report))
        let incidents = detector.feed(try [
            P.pod(phase: "Pending", statuses: [P.status(state: P.waiting("CreateContainerConfigError", message: "secret db not found"))]),
            P.pod(statuses: [P.status(ready: false)]),
            P.pod(statuses: [P.status(ready: true)]),
            P.pod(statuses: [P.status(ready: true)]),
        ])
        #expect(incidents.map(\.kind) == (report ? [.cannotStart, .runningAgain] : [.cannotStart]))
        #expect(detector.rememberedPodCount == 0)
    }

    @Test func aNewEpisodeAfterTheContainerRanIsReportedAgain() throws {
        var detector = P.liveDetector()
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(state: P.waiting("CreateContainerConfigError"))]),
            P.pod(statuses: [P.status(state: P.waiting("CreateContainerConfigError"))]),
            P.pod(statuses: [P.status(state: P.waiting("ImagePullBackOff"))]),
            P.pod(statuses: [P.status(ready: true)]),
            P.pod(statuses: [P.status(state: P.waiting("CreateContainerConfigError"))]),
        ])
        #expect(incidents.map(\.reason) == ["CreateContainerConfigError", "ImagePullBackOff", "CreateContainerConfigError"])
    }

    @Test func crashLoopBackOffWithoutATerminationRecordCannotStart() throws {
        var detector = P.liveDetector()
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(restartCount: 3, state: P.waiting("CrashLoopBackOff", message: "back-off 40s"))]),
            P.pod(statuses: [P.status(restartCount: 3, state: P.waiting("CrashLoopBackOff", message: "back-off 40s"))]),
        ])
        #expect(incidents.map(\.kind) == [.containerTerminated, .cannotStart])
        #expect(incidents.last?.reason == "CrashLoopBackOff")
        // With a record, the termination incident is the whole story: no cannotStart beside it.
        var other = P.liveDetector()
        let withRecord = other.feed([try P.pod(statuses: [P.status(restartCount: 1, state: P.waiting("CrashLoopBackOff"), last: P.terminated())])])
        #expect(withRecord.map(\.kind) == [.containerTerminated])
    }

    /// A Deployment's container that keeps exiting 0 loops in CrashLoopBackOff: no failed termination tells
    /// it, so the back-off does, once per loop.
    @Test func aLoopOfCleanExitsIsReportedByItsBackOff() throws {
        var detector = P.liveDetector()
        let done = P.terminated(exitCode: 0, reason: "Completed", id: "containerd://c1")
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(state: done)]),
            P.pod(statuses: [P.status(restartCount: 1, state: P.waiting("CrashLoopBackOff"), last: done)]),
            P.pod(statuses: [P.status(restartCount: 1, state: P.waiting("CrashLoopBackOff"), last: done)]),
        ])
        #expect(incidents.map(\.kind) == [.cannotStart])
        #expect(incidents.first?.reason == "CrashLoopBackOff")
    }

    @Test(arguments: ["ContainerCreating", "PodInitializing", ""])
    func startUpWaitingReasonsAreNotFailures(reason: String) throws {
        var detector = P.liveDetector()
        #expect(detector.feed([try P.pod(phase: "Pending", statuses: [P.status(state: P.waiting(reason))])]).isEmpty)
    }

    @Test func initContainersThatCannotStartAreReportedWithTheirRole() throws {
        var detector = P.liveDetector()
        let pod = try P.pod(
            phase: "Pending", initStatuses: [P.status("migrate", state: P.waiting("InvalidImageName"))],
            statuses: [P.status(state: P.waiting("PodInitializing"))])
        let incidents = detector.feed([pod, pod])
        #expect(incidents.map(\.role) == [.`init`])
        #expect(incidents.map(\.reason) == ["InvalidImageName"])
    }

    @Test(arguments: ["pod-imagepullbackoff-eks", "pod-imagepullbackoff-docker-desktop-2019"])
    func realImagePullFailures(fixture: String) throws {
        var detector = P.liveDetector(CrashDetector.Configuration(notReadyThreshold: nil))
        let pod = try P.fixture(fixture)
        let incidents = detector.feed([pod, pod])
        #expect(incidents.map(\.kind) == [.cannotStart])
        #expect(incidents.first?.reason == "ImagePullBackOff")
        #expect(incidents.first?.message?.hasPrefix("Back-off pulling image") == true)
    }

    @Test func waitingOfPodsBeingDeletedIsIgnored() throws {
        var detector = P.liveDetector()
        #expect(detector.feed([try P.pod(deleting: true, statuses: [P.status(state: P.waiting("ImagePullBackOff"))])]).isEmpty)
    }
}
