import MuninnCore
import MuninnTesting
import Testing

@Suite(.timeLimit(.minutes(1))) struct DoorbellTests {
    @Test func ringsCoalesceIntoOneWakeUp() async {
        let doorbell = Doorbell()
        doorbell.ring()
        doorbell.ring()
        await doorbell.wait()
        // The second ring was absorbed by the first: a timed wait now runs into its timeout.
        let clock = ManualClock()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await doorbell.wait(timeout: .seconds(5), clock: clock) }
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(5))
        }
    }

    @Test func aRingWakesAWaiter() async {
        let doorbell = Doorbell()
        let clock = ManualClock()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await doorbell.wait(timeout: .seconds(60), clock: clock) }
            await clock.waitForSleepers(1)
            doorbell.ring()
        }
        #expect(clock.sleeperCount == 0)
    }

    @Test func aCancelledWaitDoesNotSwallowTheNextRing() async {
        let doorbell = Doorbell()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await doorbell.wait() }
            group.cancelAll()
        }
        doorbell.ring()
        await doorbell.wait()
    }
}
