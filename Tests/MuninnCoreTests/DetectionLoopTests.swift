import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

/// The detection stage's shared state: what the reader and the ticker queue, the committer takes once, one commit
/// at a time, and the reader is held back while too many incidents wait.
@Suite struct DetectionLoopTests {
    typealias P = DetectionPods
    let now = DetectionPods.t0.addingTimeInterval(600)

    private func loop(saveInterval: TimeInterval = 3600, ticksDetect: Bool = true) -> DetectionLoop {
        DetectionLoop(detector: CrashDetector(), now: now, saveInterval: saveInterval, ticksDetect: ticksDetect)
    }

    private func crashed(uid: String, restarts: Int) throws -> Pod {
        try P.pod(
            name: "web-\(uid)", uid: uid,
            statuses: [P.status(restartCount: restarts, state: P.waiting("CrashLoopBackOff"), last: P.terminated(exitCode: 137, reason: "OOMKilled", id: "containerd://\(uid)-\(restarts)"))])
    }

    /// Running again after a crash: the first list remembers it (as a baseline, without an incident).
    private func recovered(uid: String) throws -> Pod {
        try P.pod(
            name: "web-\(uid)", uid: uid,
            statuses: [P.status(restartCount: 1, ready: true, last: P.terminated(exitCode: 1, reason: "Error", id: "containerd://\(uid)-1"))])
    }

    @Test func anEventThatRevealsNothingQueuesNothingUntilTheSync() throws {
        let loop = loop()
        let added = loop.observe(.added(try recovered(uid: "a")), now: now)
        #expect(!added.queued && added.incidents.isEmpty && !added.synced)
        guard case .idle = loop.nextCommit() else { Issue.record("nothing should wait"); return }

        let synced = loop.observe(.synced, now: now)
        #expect(synced.queued && synced.synced && !synced.relisted)
        #expect(synced.rememberedPods == 1)
        guard case .commit(let batch) = loop.nextCommit() else { Issue.record("the sync should wait for a commit"); return }
        #expect(batch.includesSync)
        #expect(batch.podStates.map(\.name) == ["web-a"])
    }

    @Test func theCommitterTakesEachBatchOnceAndOneCommitAtATime() throws {
        let loop = loop()
        _ = loop.observe(.added(try recovered(uid: "a")), now: now)
        _ = loop.observe(.synced, now: now)
        let crash = loop.observe(.modified(try crashed(uid: "a", restarts: 2)), now: now)
        #expect(crash.queued)
        #expect(crash.incidents.map(\.reason) == ["OOMKilled"])
        guard case .commit(let first) = loop.nextCommit() else { Issue.record("a batch should wait"); return }
        #expect(first.incidents.count == 1)

        // Found during the commit: kept for the next one, not handed out while the first is under way.
        _ = loop.observe(.modified(try crashed(uid: "a", restarts: 3)), now: now)
        guard case .idle = loop.nextCommit() else { Issue.record("a second commit must wait for the first"); return }
        loop.commitEnded()
        guard case .commit(let second) = loop.nextCommit() else { Issue.record("the second batch should wait"); return }
        #expect(second.incidents.count == 1)
        loop.commitEnded()
        guard case .idle = loop.nextCommit() else { Issue.record("nothing should be left"); return }
    }

    @Test func theReaderWaitsOnceTheLimitOfIncidentsWaits() throws {
        let loop = loop()
        for uid in ["a", "b", "c"] { _ = loop.observe(.added(try recovered(uid: uid)), now: now) }
        _ = loop.observe(.synced, now: now)
        for uid in ["a", "b"] { _ = loop.observe(.modified(try crashed(uid: uid, restarts: 2)), now: now) }
        #expect(loop.mustWaitForCommit(limit: 2))
        #expect(!loop.mustWaitForCommit(limit: 3))
        guard case .commit = loop.nextCommit() else { Issue.record("a batch should wait"); return }
        // Taken by the committer: the reader goes on while it commits.
        #expect(!loop.mustWaitForCommit(limit: 2))
    }

    @Test func afterTheEndWhatWaitsIsCommittedThenTheCommitterEnds() throws {
        let loop = loop()
        _ = loop.observe(.added(try recovered(uid: "a")), now: now)
        _ = loop.observe(.synced, now: now)
        loop.finish()
        #expect(loop.isFinished)
        guard case .commit = loop.nextCommit() else { Issue.record("the sync should still be committed"); return }
        loop.commitEnded()
        guard case .finished = loop.nextCommit() else { Issue.record("the committer should end"); return }
        // A tick after the end queues nothing.
        #expect(!loop.tick(now: now.addingTimeInterval(7200)).queued)
    }

    @Test func aTickSavesMemoryThatWaitedLongEnough() throws {
        let loop = loop(saveInterval: 5)
        _ = loop.observe(.added(try recovered(uid: "a")), now: now)
        _ = loop.observe(.synced, now: now)
        guard case .commit = loop.nextCommit() else { Issue.record("the sync should wait"); return }
        loop.commitEnded()
        // A change without an incident (a deleted pod is forgotten) waits for the save interval.
        #expect(!loop.observe(.deleted(try recovered(uid: "a")), now: now.addingTimeInterval(1)).queued)
        #expect(!loop.tick(now: now.addingTimeInterval(2)).queued)
        #expect(loop.tick(now: now.addingTimeInterval(6)).queued)
        #expect(loop.takeUnsavedChanges() == nil)
    }
}
