import Foundation
import Logging
import MetricsTestKit
import MuninnCore
import MuninnTesting
import ServiceLifecycle
import Synchronization
import Testing

/// Graceful shutdown with alerts queued: the delivery stage keeps sending until the outbox is empty or the drain
/// timeout passed, never interrupts a send, and leaves the rest in the outbox for the next start. A slow
/// destination takes its time on a manual clock, so nothing waits for real time.
@Suite(.timeLimit(.minutes(1))) struct DeliveryDrainTests {
    let clock = ManualClock()
    let store: InMemoryOutboxStore
    let lane = DeliveryLane(destination: "slack", channel: "#ops")

    init() {
        let clock = clock
        store = InMemoryOutboxStore(now: { clock.date })
    }

    /// A destination that needs `sendTime` of clock time per message and says when each send starts.
    private func slowDestination(sendTime: Duration) -> (DeliveryService.Dispatch, AsyncStream<String>) {
        let (started, continuation) = AsyncStream.makeStream(of: String.self)
        let clock = clock
        let dispatch: DeliveryService.Dispatch = { alert, _, _, _ throws(NotifierError) in
            continuation.yield(alert.id)
            try? await clock.sleep(for: sendTime)
            return DeliveryReceipt(messageID: alert.id)
        }
        return (dispatch, started)
    }

    private func service(_ dispatch: @escaping DeliveryService.Dispatch, drainTimeout: Duration, logs: LogRecorder = LogRecorder()) -> DeliveryService {
        let clock = clock
        return DeliveryService(
            store: store, dispatch: dispatch, settings: DeliveryService.Settings(drainTimeout: drainTimeout), doorbell: Doorbell(), clock: clock,
            now: { clock.date }, metrics: PipelineMetrics(factory: TestMetrics()), logger: logs.logger())
    }

    /// Yields until the service has logged `message` (it runs on other tasks; nothing sleeps).
    private static func until(_ logs: LogRecorder, logged message: String) async {
        while !logs.records.contains(where: { $0.message == message }) && !Task.isCancelled { await Task.yield() }
    }

    /// Runs `service` in a service group, lets `script` trigger its graceful shutdown and move the clock, and
    /// returns once the group has stopped on its own.
    private func runUntilStopped(_ service: DeliveryService, _ script: @escaping @Sendable (ServiceGroup) async -> Void) async throws {
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await script(group)
            try await tasks.waitForAll()
        }
    }

    private func queueThreeAlerts() async throws {
        try await PipelineSamples.queue((1...3).map { PipelineSamples.incident($0) }, lanes: [lane], in: store, at: clock.date)
    }

    @Test func alertsQueuedAtShutdownAreAllDeliveredWithinTheDrainTimeout() async throws {
        try await queueThreeAlerts()
        let (dispatch, started) = slowDestination(sendTime: .seconds(5))
        let clock = clock
        try await runUntilStopped(service(dispatch, drainTimeout: .seconds(25))) { group in
            var sends = started.makeAsyncIterator()
            _ = await sends.next()
            await group.triggerGracefulShutdown()
            for _ in 1...2 {
                await clock.waitForSleepers(2)  // the send in flight and the drain timer
                clock.advance(by: .seconds(5))
                _ = await sends.next()
            }
            await clock.waitForSleepers(2)
            clock.advance(by: .seconds(5))
        }
        #expect(store.deliveryRecords.map(\.status) == ["delivered", "delivered", "delivered"])
        #expect(try await store.pendingDeliveryCount() == 0)
        // Stopped as soon as the outbox was empty, not at the end of the drain timeout.
        #expect(clock.now.offset == .seconds(15))
    }

    @Test func whatDoesNotFitInTheDrainStaysQueuedAndGoesOutAfterTheNextStart() async throws {
        try await queueThreeAlerts()
        let (dispatch, started) = slowDestination(sendTime: .seconds(20))
        let clock = clock
        let logs = LogRecorder()
        try await runUntilStopped(service(dispatch, drainTimeout: .seconds(25), logs: logs)) { group in
            var sends = started.makeAsyncIterator()
            #expect(await sends.next() == "u-1/web/c1")
            await group.triggerGracefulShutdown()
            await clock.waitForSleepers(2)
            clock.advance(by: .seconds(20))
            // Started before the timeout: it is finished, not interrupted.
            #expect(await sends.next() == "u-2/web/c2")
            await clock.waitForSleepers(2)
            clock.advance(by: .seconds(5))  // the drain timeout passes while the second send is in flight
            await Self.until(logs, logged: "drain timeout passed: stopping once the sends in flight are recorded")
            clock.advance(by: .seconds(15))
        }
        #expect(logs.records.last?.message == "stopped with deliveries still queued; they are sent after the next start")
        #expect(logs.records.last?.level == .notice)
        #expect(logs.records.last?.metadata["remaining"] == "1")
        #expect(store.deliveryRecords.map(\.status) == ["delivered", "delivered", "pending"])
        #expect(store.deliveryRecords.map(\.attempts) == [1, 1, 0])
        #expect(try await store.pendingDeliveryCount() == 1)

        // The next start delivers the rest.
        let (fast, restarted) = slowDestination(sendTime: .zero)
        try await runUntilStopped(service(fast, drainTimeout: .seconds(25))) { group in
            var sends = restarted.makeAsyncIterator()
            #expect(await sends.next() == "u-3/web/c3")
            await group.triggerGracefulShutdown()
        }
        #expect(store.deliveryRecords.map(\.status) == ["delivered", "delivered", "delivered"])
    }

    @Test func anEmptyOutboxStopsAtOnce() async throws {
        let (dispatch, _) = slowDestination(sendTime: .seconds(5))
        try await runUntilStopped(service(dispatch, drainTimeout: .seconds(25))) { group in
            await group.triggerGracefulShutdown()
        }
        #expect(clock.now.offset == .zero)
    }

    @Test func withoutADrainTimeoutShutdownLeavesTheQueueAsItIs() async throws {
        try await queueThreeAlerts()
        let (dispatch, started) = slowDestination(sendTime: .seconds(5))
        let clock = clock
        try await runUntilStopped(service(dispatch, drainTimeout: .zero)) { group in
            var sends = started.makeAsyncIterator()
            _ = await sends.next()
            await group.triggerGracefulShutdown()
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(5))
        }
        // The send in flight was finished and recorded; nothing else was started.
        #expect(store.deliveryRecords.map(\.status) == ["delivered", "pending", "pending"])
    }
}
