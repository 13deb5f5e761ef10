import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

/// Whatever the API server (or a buggy controller) sends, the detector never crashes.
@Suite struct DetectionHostileInputTests {
    typealias P = DetectionPods

    static let documents: [String] = [
        "{}",
        #"{"metadata":null,"spec":null,"status":null}"#,
        #"{"metadata":{"name":"","namespace":""},"status":{"containerStatuses":null,"conditions":null}}"#,
        #"{"metadata":{"name":"x"},"status":{"phase":"Failed","reason":"","containerStatuses":[{}]}}"#,
        #"{"metadata":{"name":"x","uid":"u"},"status":{"containerStatuses":[{"name":"","restartCount":9223372036854775807,"state":{"terminated":{"exitCode":-1,"containerID":""}},"lastState":{"terminated":{}}}]}}"#,
        #"{"metadata":{"name":"x","uid":"u"},"status":{"containerStatuses":[{"name":"c","restartCount":-5,"state":{"waiting":{}},"lastState":{"running":null}}]}}"#,
        #"{"metadata":{"name":"x","uid":"u"},"status":{"containerStatuses":[{"name":"c","restartCount":"many","state":"oops","lastState":[]}]}}"#,
        #"{"metadata":{"name":"x","uid":"u"},"status":{"containerStatuses":[{"name":"c","restartCount":3,"state":{"waiting":{"reason":"A"}}},{"name":"c","restartCount":1,"state":{"waiting":{"reason":"B"}}}]}}"#,
        #"{"metadata":{"name":"x","uid":"u"},"status":{"conditions":[{"type":"Ready","status":"False","lastTransitionTime":"not a time"},{"type":"Ready"}]}}"#,
        #"{"metadata":{"name":"x","uid":"u","deletionTimestamp":"2026-01-01T00:00:00Z"},"status":{"ephemeralContainerStatuses":[{"name":"debug","state":{"terminated":{"exitCode":130}}}]}}"#,
    ]

    @Test(arguments: 0..<documents.count)
    func strangeDocumentsNeverCrash(index: Int) throws {
        let pod = try P.decode(Self.documents[index])
        for configuration in [CrashDetector.Configuration(), CrashDetector.Configuration(notReadyThreshold: 0, reportRecovery: true, reportDeletionKills: true, reportExistingOnStart: true)] {
            var detector = CrashDetector(configuration: configuration)
            var incidents = detector.observe(.added(pod), now: P.t0)
            incidents += detector.observe(.synced, now: P.t0)
            incidents += detector.observe(.modified(pod), now: P.t0)
            incidents += detector.tick(now: P.t0.addingTimeInterval(86_400))
            var restored = CrashDetector(configuration: configuration, restoring: detector.exportState())
            incidents += restored.observe(.added(pod), now: P.t0)
            incidents += restored.observe(.deleted(pod), now: P.t0)
            #expect(incidents.allSatisfy { !$0.identity.isEmpty && ($0.restartsSeen ?? 1) >= 1 })
            #expect(restored.rememberedPodCount == 0)
        }
    }

    @Test func hugeRestartCountsSaturate() throws {
        var detector = P.liveDetector()
        let huge = Int.max
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(restartCount: 3, ready: true, last: P.terminated(id: "containerd://a"))]),
            P.pod(statuses: [P.status(restartCount: huge, state: P.terminated(id: "containerd://b"), last: P.terminated(id: "containerd://c"))]),
            P.pod(statuses: [P.status(restartCount: 0, state: P.terminated(id: "containerd://d"))]),
        ])
        #expect(incidents.map(\.restartsSeen) == [3, huge - 3, 1, 1])
    }

    @Test func theAllFieldsFixtureDecodesAndIsHandled() throws {
        var detector = P.liveDetector(CrashDetector.Configuration(reportDeletionKills: true))
        let pod = try P.fixture("pod-allfields-roundtrip-fixture")
        let incidents = detector.feed([pod, pod])
        // Its states carry all three variants at once; whatever is chosen, each instance is reported at most once.
        #expect(Set(incidents.map(\.identity)).count == incidents.count)
    }
}
