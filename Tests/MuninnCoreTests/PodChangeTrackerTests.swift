import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

@Suite struct PodChangeTrackerTests {
    private func pod(_ containerStatus: String, phase: String = "Running") throws -> Pod {
        let json = """
            {"metadata":{"name":"web-1","namespace":"shop","uid":"u-1"},"spec":{"nodeName":"node-1","containers":[{"name":"web","image":"x"}]},
             "status":{"phase":"\(phase)","containerStatuses":[\(containerStatus)]}}
            """
        return try JSONDecoder().decode(Pod.self, from: Data(json.utf8))
    }

    private let running = #"{"name":"web","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}},"lastState":{}}"#
    private let terminated = #"{"name":"web","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:01:00Z","containerID":"containerd://aa"}},"lastState":{}}"#
    private let backOff = #"{"name":"web","ready":false,"restartCount":1,"state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 10s restarting failed container=web pod=web-1_shop(u-1)"}},"lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:01:00Z","containerID":"containerd://aa"}}}"#
    private let jumped = #"{"name":"web","ready":false,"restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2026-01-01T00:09:00Z","containerID":"containerd://dd"}}}"#

    @Test func reportsTerminationThenBackOffOnce() throws {
        var tracker = PodChangeTracker()
        #expect(tracker.observe(.added(try pod(running))).map(\.kind) == [.podAdded(phase: "Running"), .containerRunning])
        #expect(tracker.observe(.modified(try pod(terminated))).map(\.kind) == [
            .containerTerminated(reason: "OOMKilled", exitCode: 137, signal: nil, message: nil), .readinessChanged(ready: false),
        ])
        // The same termination now in lastState is not reported again; the restart and the back-off are.
        #expect(tracker.observe(.modified(try pod(backOff))).map(\.kind) == [
            .containerRestarted(restartCount: 1, restarts: 1),
            .containerWaiting(reason: "CrashLoopBackOff", message: "back-off 10s restarting failed container=web pod=web-1_shop(u-1)"),
        ])
        #expect(tracker.observe(.modified(try pod(backOff))).isEmpty)
    }

    @Test func aRestartJumpReportsTheMissedTerminationAndTheCount() throws {
        var tracker = PodChangeTracker()
        _ = tracker.observe(.added(try pod(backOff)))
        let changes = tracker.observe(.modified(try pod(jumped)))
        #expect(changes.map(\.kind) == [
            .containerTerminated(reason: "Error", exitCode: 1, signal: nil, message: nil),
            .containerRestarted(restartCount: 4, restarts: 3),
        ])
        #expect(changes.allSatisfy { $0.container == "web" && $0.namespace == "shop" && $0.node == "node-1" })
    }

    @Test func terminationsAreDescribedOnOneLine() throws {
        let change = PodChange(namespace: "shop", pod: "web-1", container: "web", kind: .containerTerminated(reason: "OOMKilled", exitCode: 137, signal: nil, message: "line1\nline2"))
        let line = PodChangeFormatter.line(change, at: Date(timeIntervalSince1970: 0))
        #expect(line.hasSuffix("   shop/web-1 [web] terminated: OOMKilled, exit code 137 (killed by SIGKILL: the container exceeded its memory limit (OOM killer)) - line1 line2"))
    }

    @Test func deletionForgetsThePod() throws {
        var tracker = PodChangeTracker()
        let p = try pod(running)
        _ = tracker.observe(.added(p))
        #expect(tracker.count == 1)
        #expect(tracker.observe(.deleted(p)).map(\.kind) == [.podDeleted])
        #expect(tracker.count == 0)
    }

    @Test func exitCodesExplainSignals() {
        #expect(ExitCodeDescription.explain(exitCode: 130) == "killed by SIGINT")
        #expect(ExitCodeDescription.explain(exitCode: 2) == nil)
        #expect(ExitCodeDescription.explain(exitCode: 2, signal: 11) == "killed by SIGSEGV")
        #expect(ExitCodeDescription.explain(exitCode: 0, reason: "OOMKilled")?.hasPrefix("killed by SIGKILL") == true)
    }
}

extension PodChangeTrackerTests {
    @Test func aNewUIDUnderTheSameNameIsANewPod() throws {
        var tracker = PodChangeTracker()
        _ = tracker.observe(.added(try pod(running)))
        var replacement = try pod(running)
        replacement.metadata.uid = "u-2"
        #expect(tracker.observe(.modified(replacement)).map(\.kind) == [.podAdded(phase: "Running"), .containerRunning])
        #expect(tracker.count == 1)
    }

    @Test func aSyntheticDeletionWithOnlyANameForgetsThePod() throws {
        var tracker = PodChangeTracker()
        _ = tracker.observe(.added(try pod(running)))
        var placeholder = try pod(running)
        placeholder.metadata.uid = nil
        placeholder.status = try pod("").status
        #expect(tracker.observe(.deleted(placeholder)).map(\.kind) == [.podDeleted])
        #expect(tracker.count == 0)
    }
}
