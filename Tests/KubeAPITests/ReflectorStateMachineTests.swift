import Testing

@testable import KubeAPI

@Suite struct ReflectorStateMachineTests {
    static func key(_ name: String) -> ObjectKey { ObjectKey(namespace: "default", name: name) }

    /// A machine that has listed `items` at `rv` and is ready to watch. Random source fixed at 0.5.
    static func synced(_ items: [(String, String)] = [("a", "1"), ("b", "2")], rv: String = "10") -> ReflectorStateMachine {
        var machine = ReflectorStateMachine(random: { 0.5 })
        #expect(machine.nextStep() == .list(resourceVersion: "0", limit: 500))
        machine.listStarted()
        for (name, version) in items { #expect(machine.listed(key(name), resourceVersion: version) == .added) }
        #expect(machine.listCompleted(resourceVersion: rv).isEmpty)
        return machine
    }

    @Test func firstListIsFromCacheThenWatchFromListRV() {
        var machine = Self.synced()
        #expect(machine.nextStep() == .watch(resourceVersion: "10", timeoutSeconds: 450))
        #expect(machine.knownCount == 2)
    }

    @Test func pagedConsistentListsWhenNotListingFromTheWatchCache() {
        var machine = ReflectorStateMachine(listFromWatchCache: false, random: { 0.5 })
        #expect(machine.nextStep() == .list(resourceVersion: "", limit: 500))
        machine.listStarted()
        _ = machine.listCompleted(resourceVersion: "10")
        _ = machine.nextStep()
        machine.receivedError(Status(code: 410, reason: "Expired", message: ""))
        #expect(machine.nextStep() == .list(resourceVersion: "", limit: 500))
    }

    @Test func watchTimeoutIsInRange() {
        for r in [0.0, 0.25, 0.999_999] {
            var machine = ReflectorStateMachine(random: { r })
            _ = machine.nextStep()
            machine.listStarted()
            _ = machine.listCompleted(resourceVersion: "1")
            guard case .watch(_, let timeout) = machine.nextStep() else {
                Issue.record("expected watch")
                return
            }
            #expect((300..<600).contains(timeout))
        }
    }

    @Test func eventsUpdateVersionsAndBookmarkOnlyMovesRV() {
        var machine = Self.synced()
        _ = machine.nextStep()
        #expect(machine.received(.added, key: Self.key("c"), resourceVersion: "11") == .added)
        #expect(machine.received(.modified, key: Self.key("a"), resourceVersion: "12") == .modified)
        #expect(machine.received(.bookmark, key: nil, resourceVersion: "20") == .none)
        #expect(machine.lastResourceVersion == "20")
        #expect(machine.knownCount == 3)
        #expect(machine.received(.deleted, key: Self.key("b"), resourceVersion: "21") == .deleted)
        #expect(machine.knownCount == 2)
        #expect(machine.knownVersion(of: Self.key("a")) == "12")
    }

    @Test func cleanEndRewatchesFromLastRVWithoutBackoff() {
        var machine = Self.synced()
        _ = machine.nextStep()
        _ = machine.received(.modified, key: Self.key("a"), resourceVersion: "15")
        machine.watchEnded(after: .seconds(300))
        #expect(machine.nextStep() == .watch(resourceVersion: "15", timeoutSeconds: 450))
    }

    @Test func cleanEndAfterLongQuietWatchAlsoRewatchesAtOnce() {
        var machine = Self.synced()
        _ = machine.nextStep()
        machine.watchEnded(after: .seconds(450))
        #expect(machine.nextStep() == .watch(resourceVersion: "10", timeoutSeconds: 450))
    }

    @Test func veryShortEmptyWatchBacksOff() {
        var machine = Self.synced()
        _ = machine.nextStep()
        machine.watchEnded(after: .milliseconds(10))
        #expect(machine.nextStep() == .wait(.milliseconds(1200)))
        #expect(machine.nextStep() == .watch(resourceVersion: "10", timeoutSeconds: 450))
    }

    @Test func errorEvent410RelistsFromLastRV() {
        var machine = Self.synced()
        _ = machine.nextStep()
        _ = machine.received(.bookmark, key: nil, resourceVersion: "30")
        machine.receivedError(Status(code: 410, reason: "Expired", message: "too old resource version: 1 (2)"))
        #expect(machine.nextStep() == .list(resourceVersion: "30", limit: nil))
    }

    @Test func legacyGoneReasonAlsoRelists() {
        var machine = Self.synced()
        _ = machine.nextStep()
        var status = Status(code: 410, reason: "Gone", message: "too old")
        status.code = nil
        machine.receivedError(status)
        #expect(machine.nextStep() == .list(resourceVersion: "10", limit: nil))
    }

    @Test func http410OnWatchRelistsAndExpiredRelistFallsBackToConsistentRead() throws {
        var machine = Self.synced()
        _ = machine.nextStep()
        try machine.watchFailed(KubeAPIError.expired(Status(code: 410, reason: "Expired", message: "")))
        #expect(machine.nextStep() == .list(resourceVersion: "10", limit: nil))
        machine.listStarted()
        try machine.listFailed(KubeAPIError.expired(Status(code: 410, reason: "Expired", message: "")))
        #expect(machine.nextStep() == .list(resourceVersion: "", limit: 500))
    }

    @Test func relistDiffEmitsOnlyChangesAndSyntheticDeletes() {
        var machine = Self.synced([("a", "1"), ("b", "2"), ("c", "3")])
        _ = machine.nextStep()
        machine.receivedError(Status(code: 410, reason: "Expired", message: ""))
        #expect(machine.nextStep() == .list(resourceVersion: "10", limit: nil))
        machine.listStarted()
        #expect(machine.listed(Self.key("a"), resourceVersion: "1") == .none)
        #expect(machine.listed(Self.key("c"), resourceVersion: "7") == .modified)
        #expect(machine.listed(Self.key("d"), resourceVersion: "8") == .added)
        #expect(machine.listCompleted(resourceVersion: "20") == [Self.key("b")])
        #expect(machine.knownCount == 3)
        #expect(machine.nextStep() == .watch(resourceVersion: "20", timeoutSeconds: 450))
    }

    @Test func tooManyRequestsHonoursRetryAfter() throws {
        var machine = Self.synced()
        _ = machine.nextStep()
        try machine.watchFailed(KubeAPIError.tooManyRequests(Status(code: 429, reason: "TooManyRequests", message: ""), retryAfter: .seconds(7)))
        #expect(machine.nextStep() == .wait(.seconds(7)))
        #expect(machine.nextStep() == .watch(resourceVersion: "10", timeoutSeconds: 450))
    }

    @Test func serverErrorsBackOffExponentiallyWithinJitterBoundsAndResetAfterAnEvent() throws {
        for r in [0.0, 0.5, 0.999] {
            var machine = ReflectorStateMachine(random: { r })
            _ = machine.nextStep()
            machine.listStarted()
            _ = machine.listCompleted(resourceVersion: "1")
            var base = 0.8
            for _ in 0..<10 {
                _ = machine.nextStep()
                try machine.watchFailed(KubeAPIError.serverError(Status(code: 500, reason: "InternalError", message: ""), retryAfter: nil))
                guard case .wait(let delay) = machine.nextStep() else {
                    Issue.record("expected wait")
                    return
                }
                let seconds = delay.secondsDouble
                #expect(seconds >= min(base, 30) - 1e-6)
                #expect(seconds <= min(base * 2, 30) + 1e-6)
                base *= 2
            }
            _ = machine.nextStep()
            _ = machine.received(.added, key: Self.key("x"), resourceVersion: "2")
            try machine.watchFailed(KubeAPIError.transport("reset"))
            guard case .wait(let afterReset) = machine.nextStep() else {
                Issue.record("expected wait")
                return
            }
            #expect(afterReset.secondsDouble >= 0.8 - 1e-6 && afterReset.secondsDouble <= 1.6 + 1e-6)
        }
    }

    @Test func listFailuresBackOffAndRetryTheList() throws {
        var machine = ReflectorStateMachine(random: { 0 })
        _ = machine.nextStep()
        machine.listStarted()
        try machine.listFailed(KubeAPIError.transport("connection refused"))
        #expect(machine.nextStep() == .wait(.milliseconds(800)))
        #expect(machine.nextStep() == .list(resourceVersion: "0", limit: 500))
    }

    @Test func unauthorizedAndForbiddenAreThrown() {
        var machine = Self.synced()
        _ = machine.nextStep()
        #expect(throws: KubeAPIError.self) {
            try machine.watchFailed(KubeAPIError.unauthorized(Status(code: 401, reason: "Unauthorized", message: "Unauthorized")))
        }
        #expect(throws: KubeAPIError.self) {
            try machine.listFailed(KubeAPIError.forbidden(Status(code: 403, reason: "Forbidden", message: "pods is forbidden")))
        }
    }

    @Test func backoffCapsAtThirtySeconds() {
        var backoff = Backoff()
        var last = Duration.zero
        for _ in 0..<20 { last = backoff.next(random: 0.999) }
        #expect(last == .seconds(30))
        backoff.reset()
        #expect(backoff.next(random: 0) == .milliseconds(800))
    }
}
