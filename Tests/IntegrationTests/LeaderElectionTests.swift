import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnTesting
import Synchronization
import Testing

/// client-go's leader election rules, on a lease in memory (with the API server's 409s) and on the simulator.
@Suite(.timeLimit(.minutes(1)))
struct LeaderElectionTests {
    static let logger = Logger(label: "test.leader-election")

    static func elector(
        _ identity: String, lock: any LeaseLock, clock: ManualClock, releaseOnShutdown: Bool = true
    ) -> LeaderElector {
        LeaderElector(
            config: LeaderElectionConfig(namespace: "muninn", leaseName: "muninn", identity: identity, releaseOnShutdown: releaseOnShutdown),
            lock: lock, clock: clock, now: { clock.date }, random: { 0 }, logger: logger)
    }

    @Test func theFirstCandidateCreatesTheLease() async throws {
        let lock = InMemoryLeaseLock()
        let clock = ManualClock()
        let elector = Self.elector("a", lock: lock, clock: clock)
        try await elector.acquire()
        let lease = try #require(lock.lease)
        #expect(lease.spec.holderIdentity == "a")
        #expect(lease.spec.leaseDurationSeconds == 15)
        #expect(lease.spec.leaseTransitions == 0)
        #expect(lease.spec.acquireTime?.date == clock.date)
        #expect(await elector.isLeader)
    }

    @Test func anotherHoldersLeaseIsFreeOnlyAfterItsDurationOnTheCandidatesOwnClock() async throws {
        let lock = InMemoryLeaseLock()
        try await Self.elector("a", lock: lock, clock: ManualClock()).acquire()
        // b's wall clock is an hour ahead of a's: the lease's renewTime says nothing to b, only how long b has
        // watched the record not change.
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_800_003_600))
        let b = Self.elector("b", lock: lock, clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await b.acquire() }
            for _ in 0..<7 {
                await clock.waitForSleeper(dueIn: .seconds(2))
                #expect(lock.lease?.spec.holderIdentity == "a")
                clock.advance(by: .seconds(2))
            }
            // 14 s seen unchanged: still a's; 16 s: expired.
            await clock.waitForSleeper(dueIn: .seconds(2))
            #expect(lock.lease?.spec.holderIdentity == "a")
            clock.advance(by: .seconds(2))
            try await group.waitForAll()
        }
        let lease = try #require(lock.lease)
        #expect(lease.spec.holderIdentity == "b")
        #expect(lease.spec.leaseTransitions == 1)
        #expect(lease.spec.acquireTime?.date == clock.date)
        #expect(clock.now.offset == .seconds(16))
    }

    @Test func aLeaderThatCannotRenewStopsItsWorkBeforeTheLeaseCanExpire() async throws {
        let lock = InMemoryLeaseLock()
        let clock = ManualClock()
        let elector = Self.elector("a", lock: lock, clock: clock)
        try await elector.acquire()
        let workClock = ManualClock()  // never advanced: the work runs until cancelled
        let workCancelled = CancellationFlag()
        let outcome = try await withThrowingTaskGroup(of: LeadershipOutcome?.self) { group in
            group.addTask {
                try await elector.lead {
                    do {
                        try await workClock.sleep(for: .seconds(3600))
                    } catch {
                        workCancelled.set()
                        throw error
                    }
                }
            }
            await clock.waitForSleeper(dueIn: .seconds(2))
            clock.advance(by: .seconds(2))  // one good renewal at 2 s
            await clock.waitForSleeper(dueIn: .seconds(2))
            lock.setFailing(true)
            group.addTask {
                while true {
                    await clock.waitForSleeper(dueIn: .seconds(2))
                    clock.advance(by: .seconds(2))
                    try Task.checkCancellation()
                }
            }
            let outcome = try await group.next() ?? nil
            group.cancelAll()
            return outcome
        }
        #expect(outcome == .lost)
        #expect(workCancelled.isSet)
        #expect(await !elector.isLeader)
        // Last renewal at 2 s; renew deadline 10 s; others may take over 15 s after they last saw a change.
        #expect(clock.now.offset >= .seconds(12))
        #expect(clock.now.offset < .seconds(2 + 15))
        #expect(lock.writes.count == 2)
    }

    @Test func aGracefulEndHandsTheLeaseOverAtOnce() async throws {
        let lock = InMemoryLeaseLock()
        let a = Self.elector("a", lock: lock, clock: ManualClock())
        try await a.acquire()
        #expect(try await a.lead {} == .workFinished)
        await a.release()
        let released = try #require(lock.lease)
        #expect(released.spec.holderIdentity == "")
        #expect(released.spec.leaseDurationSeconds == 1)
        #expect(released.spec.leaseTransitions == 0)
        let b = Self.elector("b", lock: lock, clock: ManualClock())
        try await b.acquire()  // no waiting: an empty holder is free
        #expect(lock.lease?.spec.holderIdentity == "b")
        #expect(lock.lease?.spec.leaseTransitions == 1)
    }

    @Test func withoutReleaseTheLeaseIsKept() async throws {
        let lock = InMemoryLeaseLock()
        let a = Self.elector("a", lock: lock, clock: ManualClock(), releaseOnShutdown: false)
        try await a.acquire()
        await a.release()
        #expect(lock.lease?.spec.holderIdentity == "a")
        #expect(await !a.isLeader)
    }

    @Test func configurationFollowsClientGoTimingRules() {
        #expect(LeaderElectionConfig(namespace: "m", leaseName: "l", identity: "i").problem == nil)
        let tooShort = LeaderElectionConfig(namespace: "m", leaseName: "l", identity: "i", leaseDuration: .seconds(10), renewDeadline: .seconds(10))
        #expect(tooShort.problem?.contains("leaseDuration") == true)
        let retryTooLong = LeaderElectionConfig(namespace: "m", leaseName: "l", identity: "i", renewDeadline: .seconds(10), retryPeriod: .seconds(9))
        #expect(retryTooLong.problem?.contains("1.2") == true)
        #expect(LeaderElectionConfig(namespace: "", leaseName: "l", identity: "i").problem != nil)
    }

    @Test func onTheSimulatorExactlyOneOfTwoRacingCandidatesWins() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            let config = try KubeConfig.load(kubeconfigPath: cluster.kubeconfigPath, context: nil)
            try await KubeClient.withKubeClient(config: config, logger: Self.logger) { client in
                let lock = KubeLeaseLock(client: client, namespace: TestCluster.namespace, name: "muninn")
                let clockA = ManualClock()
                let clockB = ManualClock()
                let a = LeaderElector(
                    config: LeaderElectionConfig(namespace: TestCluster.namespace, leaseName: "muninn", identity: "a"), lock: lock, clock: clockA,
                    now: { clockA.date }, random: { 0 }, logger: Self.logger)
                let b = LeaderElector(
                    config: LeaderElectionConfig(namespace: TestCluster.namespace, leaseName: "muninn", identity: "b"), lock: lock, clock: clockB,
                    now: { clockB.date }, random: { 0 }, logger: Self.logger)
                let winner = try await withThrowingTaskGroup(of: String.self) { group in
                    group.addTask {
                        try await a.acquire()
                        return "a"
                    }
                    group.addTask {
                        try await b.acquire()
                        return "b"
                    }
                    let winner = try await group.next() ?? ""
                    group.cancelAll()
                    while let _ = try? await group.next() {}
                    return winner
                }
                let lease = try await client.get(.leases, namespace: TestCluster.namespace, name: "muninn", as: Lease.self)
                #expect(lease.spec.holderIdentity == winner)
                #expect(await a.isLeader == (winner == "a"))
                #expect(await b.isLeader == (winner == "b"))

                // The winner renews with the resourceVersion it last saw; a stale write is refused with 409.
                var stale = lease
                stale.spec.holderIdentity = "intruder"
                let winnerElector = winner == "a" ? a : b
                let winnerClock = winner == "a" ? clockA : clockB
                _ = try await winnerElector.lead {
                    await winnerClock.waitForSleeper(dueIn: .seconds(2))
                    winnerClock.advance(by: .seconds(2))
                    await winnerClock.waitForSleeper(dueIn: .seconds(2))
                }
                await #expect(throws: KubeAPIError.self) {
                    _ = try await client.update(.leases, namespace: TestCluster.namespace, name: "muninn", object: stale)
                }
                let renewed = try await client.get(.leases, namespace: TestCluster.namespace, name: "muninn", as: Lease.self)
                #expect(renewed.spec.holderIdentity == winner)
                #expect(renewed.spec.renewTime?.date == winnerClock.date)
            }
        }
    }
}

/// Set once from any task.
private final class CancellationFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
