import Foundation
import Testing

@testable import MuninnCore

/// Which container instance's log a termination asks for.
@Suite struct LogPlanTests {
    private func termination(restarts: Int, current: Bool?) -> Incident {
        var incident = PipelineSamples.incident(1)
        incident.restartCount = restarts
        incident.terminatedInstanceIsCurrent = current
        return incident
    }

    @Test func aCrashSeenAsTheCurrentStateReadsTheCurrentInstanceFirst() {
        // state.terminated with restartCount 4: previous=true would return the fourth crash, not this one.
        #expect(LogPlan.plan(for: termination(restarts: 4, current: true)) == .read(container: "web", attempts: [.current, .previous]))
        #expect(LogPlan.plan(for: termination(restarts: 0, current: true)) == .read(container: "web", attempts: [.current]))
    }

    @Test func aCrashSeenAsTheLastStateReadsThePreviousInstanceFirst() {
        #expect(LogPlan.plan(for: termination(restarts: 5, current: false)) == .read(container: "web", attempts: [.previous, .current]))
    }

    @Test func anIncidentQueuedByAnOlderMuninnFallsBackOnTheRestartCount() {
        #expect(LogPlan.plan(for: termination(restarts: 0, current: nil)) == .read(container: "web", attempts: [.current]))
        #expect(LogPlan.plan(for: termination(restarts: 3, current: nil)) == .read(container: "web", attempts: [.previous, .current]))
    }
}
