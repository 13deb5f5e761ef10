import Foundation
import Testing

@testable import MuninnCore

@Suite struct FloodControlTests {
    private let key = FloodControl.Key(namespace: "shop", workload: "web", container: "app", reason: "CrashLoopBackOff")
    private func at(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_000_000 + seconds) }

    @Test func slidingWindowAnnouncesAContinuousFailureOnce() {
        var flood = FloodControl(expiry: 60, window: .sliding)
        let decisions = stride(from: 0.0, through: 300, by: 15).map { flood.admit(key, now: at($0)) }
        #expect(decisions.filter { $0 }.count == 1)
        let afterQuiet = flood.admit(key, now: at(300 + 61))
        #expect(afterQuiet)  // quiet for longer than the expiry: again
    }

    @Test func fixedWindowRepeatsEveryExpiry() {
        var flood = FloodControl(expiry: 60, window: .fixed)
        let admitted = stride(from: 0.0, through: 300, by: 15).filter { flood.admit(key, now: at($0)) }
        #expect(admitted == [0, 60, 120, 180, 240, 300])
    }

    @Test func keysCarryTheNamespace() {
        var flood = FloodControl(expiry: 60)
        var other = key
        other.namespace = "payments"
        let decisions = [flood.admit(key, now: at(0)), flood.admit(other, now: at(1)), flood.admit(key, now: at(2))]
        #expect(decisions == [true, true, false])
    }

    @Test func expiredKeysAreForgotten() {
        var flood = FloodControl(expiry: 10)
        for i in 0..<1000 {
            _ = flood.admit(FloodControl.Key(namespace: "ns", workload: "w\(i)", container: "c", reason: "r"), now: at(0))
        }
        #expect(flood.count == 1000)
        _ = flood.admit(key, now: at(100))
        #expect(flood.count == 1)
    }

    @Test func restartThrottleFollowsJohariMirrorAndFixesJumps() {
        let due = (1...110).filter(RestartThrottle.isDue)
        #expect(due == Array(1...10) + [34, 58, 82, 106])
        #expect(!RestartThrottle.isDue(0))
        #expect(RestartThrottle.isDue(from: 9, to: 12))  // johari-mirror announces nothing here
        #expect(!RestartThrottle.isDue(from: 12, to: 33))
        #expect(RestartThrottle.isDue(from: 33, to: 40))
        #expect(!RestartThrottle.isDue(from: 34, to: 34))
        #expect(RestartThrottle.isDue(from: 0, to: 1))
    }
}
