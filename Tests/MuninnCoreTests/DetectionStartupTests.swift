import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

/// First start, restart from saved state, relists and pod replacement.
@Suite struct DetectionStartupTests {
    typealias P = DetectionPods

    private let oomFive = P.terminated(exitCode: 137, reason: "OOMKilled", id: "containerd://05")
    private let oomSix = P.terminated(exitCode: 137, reason: "OOMKilled", id: "containerd://06")

    private func crashLooping(uid: String = "u-1", restarts: Int, last: String) throws -> Pod {
        try P.pod(uid: uid, statuses: [P.status(restartCount: restarts, state: P.waiting("CrashLoopBackOff"), last: last)])
    }

    @Test func aFirstStartTakesWhatAlreadyFailedAsABaseline() throws {
        var detector = CrashDetector()
        let initial: [Pod] = try [
            crashLooping(restarts: 5, last: oomFive),
            P.fixture("pod-oomkilled-crashloopbackoff-kind"), P.fixture("pod-evicted-memory-pressure-synthesized"),
            P.fixture("pod-imagepullbackoff-eks"),
            P.pod(name: "slow", uid: "u-slow", conditions: [P.readyCondition("False", reason: "ContainersNotReady")]),
        ]
        let later = P.t0.addingTimeInterval(3600)
        #expect(initial.flatMap { detector.observe(.added($0), now: later) }.isEmpty)
        #expect(!detector.hasSynced)
        #expect(detector.observe(.synced, now: later).isEmpty && detector.hasSynced)
        #expect(detector.tick(now: later).isEmpty)
        #expect(detector.feed(initial, now: later).isEmpty)
        // The next crash is news, and counts one restart.
        let next = detector.feed([try crashLooping(restarts: 6, last: oomSix)])
        #expect(next.map(\.identity) == ["u-1/web/containerd://06"])
        #expect(next.first?.restartsSeen == 1 && next.first?.seenLate == false)
    }

    /// Recoveries are for problems that were announced: the end of a silently baselined one is not news,
    /// neither in the same process nor after a restart.
    @Test(arguments: [false, true])
    func theEndOfABaselinedProblemIsNoRecovery(restart: Bool) throws {
        let configuration = CrashDetector.Configuration(notReadyThreshold: 60, reportRecovery: true)
        var detector = CrashDetector(configuration: configuration)
        let stuck = try P.pod(
            conditions: [P.readyCondition("False", reason: "ContainersNotReady")], statuses: [P.status(state: P.waiting("ImagePullBackOff"))])
        #expect(detector.observe(.added(stuck), now: P.t0.addingTimeInterval(600)).isEmpty)
        _ = detector.observe(.synced, now: P.t0)
        if restart {
            detector = CrashDetector(configuration: configuration, restoring: detector.exportState())
            #expect(detector.observe(.added(stuck), now: P.t0.addingTimeInterval(700)).isEmpty)
            _ = detector.observe(.synced, now: P.t0)
        }
        let fine = try P.pod(conditions: [P.readyCondition("True", since: 800)], statuses: [P.status(ready: true)])
        #expect(detector.observe(.modified(fine), now: P.t0.addingTimeInterval(800)).isEmpty)
        // The next problem is announced, and so is its end.
        let again = try P.pod(conditions: [P.readyCondition("False", reason: "ContainersNotReady", since: 900)], statuses: [P.status(ready: false)])
        #expect(detector.observe(.modified(again), now: P.t0.addingTimeInterval(1000)).map(\.kind) == [.notReady])
        #expect(detector.observe(.modified(fine), now: P.t0.addingTimeInterval(1100)).map(\.kind) == [.readyAgain])
    }

    @Test func reportExistingOnStartReportsThemAsSeenLate() throws {
        var detector = CrashDetector(configuration: CrashDetector.Configuration(reportExistingOnStart: true))
        let incidents = detector.observe(.added(try crashLooping(restarts: 5, last: oomFive)), now: P.t0)
        #expect(incidents.map(\.kind) == [.containerTerminated])
        #expect(incidents.allSatisfy { $0.seenLate })
        _ = detector.observe(.synced, now: P.t0)
        #expect(detector.feed([try crashLooping(restarts: 5, last: oomFive)]).isEmpty)
    }

    /// Muninn restarted mid-crash-loop: nothing repeats, what happened while it was down is reported once, late.
    @Test func aRestartFromSavedStateNeitherRepeatsNorMisses() throws {
        var before = P.liveDetector()
        let seven = P.terminated(id: "containerd://07")
        _ = before.feed(try [
            crashLooping(restarts: 5, last: oomFive),
            P.pod(name: "web-2", uid: "u-2", statuses: [P.status(restartCount: 1, ready: true, last: seven)]),
            P.pod(name: "gone", uid: "u-gone", statuses: [P.status(restartCount: 1, ready: true, last: seven)]),
            P.pod(name: "pull", uid: "u-pull", statuses: [P.status(state: P.waiting("ImagePullBackOff"))]),
        ])
        let saved = try JSONDecoder().decode(DetectionState.self, from: JSONEncoder().encode(before.exportState()))
        #expect(saved == before.exportState())
        #expect(saved.pods.map(\.name) == ["gone", "pull", "web-1", "web-2"])

        var after = CrashDetector(restoring: saved)
        let eight = P.terminated(exitCode: 1, reason: "Error", id: "containerd://08")
        var incidents: [Incident] = []
        for pod in try [
            crashLooping(restarts: 8, last: eight),  // crashed three times while down
            P.pod(name: "web-2", uid: "u-2", statuses: [P.status(restartCount: 1, ready: true, last: seven)]),  // unchanged
            P.pod(name: "pull", uid: "u-pull", statuses: [P.status(state: P.waiting("ErrImagePull"))]),  // same episode
            P.pod(name: "new", uid: "u-new", statuses: [P.status(restartCount: 1, ready: true, last: seven)]),  // created while down
        ] {
            incidents += after.observe(.added(pod), now: P.t0)
        }
        _ = after.observe(.synced, now: P.t0)
        #expect(incidents.map(\.identity) == ["u-1/web/containerd://08", "u-new/web/containerd://07"])
        #expect(incidents.map(\.restartsSeen) == [3, 1])
        #expect(incidents.allSatisfy { $0.seenLate })
        // The pod deleted while Muninn was down is forgotten once the list is complete.
        #expect(!after.exportState().pods.contains { $0.name == "gone" })
        #expect(after.rememberedPodCount == 4)
        // Live again: not late any more.
        let nine = after.feed([try crashLooping(restarts: 9, last: P.terminated(id: "containerd://09"))])
        #expect(nine.map(\.seenLate) == [false])
    }

    /// Saved the moment the container stopped; after the restart the same instance sits in lastState.
    @Test func anInstanceSavedAsStateTerminatedIsNotRepeatedFromLastState() throws {
        var before = P.liveDetector()
        #expect(before.feed([try P.pod(statuses: [P.status(restartCount: 2, state: oomSix)])]).map(\.restartsSeen) == [3])
        var after = CrashDetector(restoring: before.exportState())
        #expect(after.observe(.added(try crashLooping(restarts: 3, last: oomSix)), now: P.t0).isEmpty)
        _ = after.observe(.synced, now: P.t0)
        let next = after.feed([try crashLooping(restarts: 4, last: P.terminated(id: "containerd://07"))])
        #expect(next.map(\.restartsSeen) == [1])
    }

    @Test func aRestoredNotReadyReportIsNotRepeatedAndItsRecoveryIsLate() throws {
        var before = P.liveDetector(CrashDetector.Configuration(notReadyThreshold: 60, reportRecovery: true))
        let unready = try P.pod(conditions: [P.readyCondition("False", reason: "ContainersNotReady")])
        #expect(before.observe(.modified(unready), now: P.t0.addingTimeInterval(120)).map(\.kind) == [.notReady])

        var again = CrashDetector(configuration: before.configuration, restoring: before.exportState())
        #expect(again.observe(.added(unready), now: P.t0.addingTimeInterval(600)).isEmpty)
        var recovered = CrashDetector(configuration: before.configuration, restoring: before.exportState())
        let ready = try P.pod(conditions: [P.readyCondition("True", since: 300)], statuses: [P.status(ready: true)])
        let incidents = recovered.observe(.added(ready), now: P.t0.addingTimeInterval(600))
        #expect(incidents.map(\.kind) == [.readyAgain] && incidents.allSatisfy { $0.seenLate })
    }

    @Test func aStateOfAnotherVersionIsAClearError() throws {
        let json = Data(#"{"version":99,"pods":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DetectionState.self, from: json) }
        // Unreadable entries are skipped rather than failing the restore.
        let odd = Data(#"{"version":1,"pods":[{"name":"p","containers":[{"list":"weird","name":"c","terminations":["zz"]},{"name":"d","terminations":["xyz"]}]}]}"#.utf8)
        let state = try JSONDecoder().decode(DetectionState.self, from: odd)
        var detector = CrashDetector(restoring: state)
        _ = detector.observe(.synced, now: P.t0)
        #expect(detector.rememberedPodCount == 0)
    }

    /// After a 410 the reflector relists: unchanged pods come as `.modified` (or not at all), vanished ones as
    /// placeholder deletions; only terminations that happened during the gap are new.
    @Test func aRelistReportsOnlyNewTerminations() throws {
        var detector = P.liveDetector()
        let first = try crashLooping(restarts: 5, last: oomFive)
        let other = try P.pod(name: "web-2", uid: "u-2", statuses: [P.status(restartCount: 1, ready: true, last: oomFive)])
        #expect(detector.feed([first, other]).count == 2)
        // The relist.
        var relist = detector.observe(.modified(first), now: P.t0)
        relist += detector.observe(.deleted(Pod(placeholderFor: ObjectKey(namespace: "shop", name: "web-2"))), now: P.t0)
        relist += detector.observe(.modified(try crashLooping(restarts: 6, last: oomSix)), now: P.t0)
        relist += detector.observe(.synced, now: P.t0)
        #expect(relist.map(\.identity) == ["u-1/web/containerd://06"])
        #expect(detector.rememberedPodCount == 1)
    }

    /// A StatefulSet pod recreated under the same name is a new pod: its first crash is not hidden behind the
    /// old pod's restart count (the Pod Monitor's bug), and the old pod's deletion event does not erase it.
    @Test func aPodReplacedUnderTheSameNameStartsAfresh() throws {
        var detector = P.liveDetector()
        let old = try crashLooping(uid: "old", restarts: 5, last: oomFive)
        _ = detector.feed([old])
        let replacement = try crashLooping(uid: "new", restarts: 1, last: P.terminated(id: "containerd://n1"))
        let incidents = detector.feed([replacement])
        #expect(incidents.map(\.identity) == ["new/web/containerd://n1"])
        #expect(incidents.first?.restartsSeen == 1)
        _ = detector.observe(.deleted(old), now: P.t0)
        #expect(detector.rememberedPodCount == 1)
        #expect(detector.feed([replacement]).isEmpty)
    }
}
