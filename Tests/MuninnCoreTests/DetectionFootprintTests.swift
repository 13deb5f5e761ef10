import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

/// The detector remembers problems, not pods: a large healthy cluster costs (almost) nothing.
@Suite struct DetectionFootprintTests {
    typealias P = DetectionPods

    @Test func onlyPodsWithSomethingToRememberAreKept() throws {
        var detector = CrashDetector()
        let healthy = try P.fixture("pod-sidecar-init-running-kind")
        let crashing = try P.fixture("pod-oomkilled-crashloopbackoff-kind")
        let count = 150_000
        for index in 0..<count {
            var pod = index.isMultiple(of: 100) ? crashing : healthy
            pod.metadata.name = "pod-\(index)"
            pod.metadata.uid = "uid-\(index)"
            _ = detector.observe(.added(pod), now: P.t0)
        }
        _ = detector.observe(.synced, now: P.t0)
        #expect(detector.rememberedPodCount == count / 100)
        // The crashing pods are also unready; the healthy ones are not timed.
        #expect(detector.unreadyPodCount == count / 100)
        let state = detector.exportState()
        #expect(state.pods.count == count / 100)
        #expect(try JSONEncoder().encode(state).count < 300 * count / 100)
    }
}
