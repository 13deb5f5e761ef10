import Foundation
import Logging
import MuninnCore
import MetricsTestKit
import MuninnTesting
import Testing

/// The delivery stage: order per lane, independence of lanes, retries, give-ups, pacing and threading,
/// on a manual clock (nothing waits for real time).
@Suite(.timeLimit(.minutes(1))) struct DeliveryServiceTests {
    let clock = ManualClock()
    let store: InMemoryOutboxStore
    let doorbell = Doorbell()
    let slack = DeliveryLane(destination: "slack", channel: "#ops")
    let ding = DeliveryLane(destination: "ding", channel: nil)

    init() {
        let clock = clock
        store = InMemoryOutboxStore(now: { clock.date })
    }

    private func service(
        _ dispatch: ScriptedDispatch, pacing: @escaping @Sendable (DeliveryLane) -> Duration = { _ in .zero },
        settings: DeliveryService.Settings = DeliveryService.Settings(retry: RetryPolicy(initial: .seconds(2), maximum: .seconds(60))),
        metrics: PipelineMetrics = PipelineMetrics(factory: TestMetrics())
    ) -> DeliveryService {
        let clock = clock
        return DeliveryService(
            store: store, dispatch: dispatch.dispatch, pacing: pacing, settings: settings, doorbell: doorbell, clock: clock, now: { clock.date },
            metrics: metrics)
    }

    /// Runs the service until `body` returns, then stops it.
    private func running(_ service: DeliveryService, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            try await body()
            group.cancelAll()
        }
    }

    private func next(_ calls: inout AsyncStream<ScriptedDispatch.Call>.Iterator) async -> ScriptedDispatch.Call? {
        await calls.next()
    }

    @Test func eachLaneKeepsItsOrderWhileAnotherLaneIsUnaffected() async throws {
        let dispatch = ScriptedDispatch(laneAnswers: [slack: [.failure(.retryable(reason: "HTTP 503", retryAfter: nil))]])
        try await PipelineSamples.queue((1...3).map { PipelineSamples.incident($0) }, lanes: [slack], in: store, at: clock.date)
        try await PipelineSamples.queue((4...5).map { PipelineSamples.incident($0) }, lanes: [ding], in: store, at: clock.date)
        var calls = dispatch.calls.makeAsyncIterator()
        try await running(service(dispatch)) {
            // First round: both lanes' heads; the Slack one fails.
            let firstRound = [await next(&calls), await next(&calls)].compactMap { $0 }
            #expect(Set(firstRound.map(\.alertID)) == ["u-1/web/c1", "u-4/web/c4"])
            // DingTalk goes on; Slack's later alerts wait behind the failed head.
            #expect(await next(&calls)?.alertID == "u-5/web/c5")
            await clock.waitForSleepers(1)
            #expect(dispatch.recorded.filter { $0.lane == slack }.map(\.alertID) == ["u-1/web/c1"])
            clock.advance(by: .seconds(2))
            #expect(await next(&calls)?.alertID == "u-1/web/c1")
            #expect(await next(&calls)?.alertID == "u-2/web/c2")
            #expect(await next(&calls)?.alertID == "u-3/web/c3")
        }
        #expect(store.deliveryRecords.map(\.status) == Array(repeating: "delivered", count: 5))
        #expect(store.deliveryRecords.map(\.attempts) == [2, 1, 1, 1, 1])
    }

    @Test func aDestinationDownForTwentyMinutesGetsEverythingAfterInOrderPerChannel() async throws {
        let ops = slack
        let dev = DeliveryLane(destination: "slack", channel: "#dev")
        // Twenty minutes of 429s (Retry-After 60 s) and 5xx for #ops, 503s for #dev, then it recovers.
        let outage: [Result<DeliveryReceipt, NotifierError>] = (0..<40).map { index in
            index.isMultiple(of: 2) ? .failure(.retryable(reason: "HTTP 429 ratelimited", retryAfter: .seconds(60))) : .failure(.retryable(reason: "HTTP 502", retryAfter: nil))
        }
        let dispatch = ScriptedDispatch(laneAnswers: [ops: outage, dev: Array(repeating: .failure(.retryable(reason: "HTTP 503", retryAfter: nil)), count: 12)])
        try await PipelineSamples.queue((1...5).map { PipelineSamples.incident($0) }, lanes: [ops], in: store, at: clock.date)
        try await PipelineSamples.queue((6...10).map { PipelineSamples.incident($0) }, lanes: [dev], in: store, at: clock.date)
        try await running(service(dispatch)) {
            // Time moves only while the service waits on the clock (a backoff), never under a send.
            while store.deliveryRecords.contains(where: { $0.status != "delivered" }) && !Task.isCancelled {
                if clock.sleeperCount > 0 {
                    clock.advance(by: .seconds(15))
                } else {
                    await Task.yield()
                }
            }
        }
        let calls = dispatch.recorded
        let delivered = { (lane: DeliveryLane) in
            // The last call per alert is the one that succeeded; order of success is the order of first success.
            var seen: [String] = []
            for call in calls where call.lane == lane && !seen.contains(call.alertID) { seen.append(call.alertID) }
            return seen
        }
        #expect(delivered(ops) == (1...5).map { "u-\($0)/web/c\($0)" })
        #expect(delivered(dev) == (6...10).map { "u-\($0)/web/c\($0)" })
        // Only the head of a lane is tried while it fails: the outage cost retries of one alert per channel.
        #expect(store.deliveryRecords.filter { $0.lane == ops }.map(\.attempts) == [41, 1, 1, 1, 1])
        #expect(store.deliveryRecords.filter { $0.lane == dev }.map(\.attempts) == [13, 1, 1, 1, 1])
        #expect(clock.now.offset >= .seconds(20 * 60))
        #expect(store.deliveryRecords.allSatisfy { $0.status == "delivered" })
    }

    @Test func aHangingDestinationHoldsBackOnlyItsOwnLane() async throws {
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        let (sent, sentContinuation) = AsyncStream.makeStream(of: String.self)
        let ding = ding
        let dispatch: DeliveryService.Dispatch = { alert, lane, _, _ throws(NotifierError) in
            if lane == ding {
                // A destination that does not answer until the test lets it (a request waiting for its timeout).
                var iterator = release.makeAsyncIterator()
                _ = await iterator.next()
            }
            sentContinuation.yield("\(lane.destination):\(alert.id)")
            return DeliveryReceipt(messageID: alert.id)
        }
        try await PipelineSamples.queue([PipelineSamples.incident(1)], lanes: [ding], in: store, at: clock.date)
        try await PipelineSamples.queue((2...4).map { PipelineSamples.incident($0) }, lanes: [slack], in: store, at: clock.date)
        let clock = clock
        let service = DeliveryService(
            store: store, dispatch: dispatch, settings: DeliveryService.Settings(retry: RetryPolicy(initial: .seconds(2), maximum: .seconds(60))),
            doorbell: doorbell, clock: clock, now: { clock.date }, metrics: PipelineMetrics(factory: TestMetrics()))
        var arrivals = sent.makeAsyncIterator()
        try await running(service) {
            // All of Slack's alerts go while DingTalk's first is still in flight.
            var first: [String] = []
            for _ in 0..<3 { first.append(await arrivals.next() ?? "") }
            #expect(first == ["slack:u-2/web/c2", "slack:u-3/web/c3", "slack:u-4/web/c4"])
            #expect(store.deliveryRecords.first { $0.lane == ding }?.status == "pending")
            releaseContinuation.yield()
            #expect(await arrivals.next() == "ding:u-1/web/c1")
            while store.deliveryRecords.contains(where: { $0.status != "delivered" }) && !Task.isCancelled { await Task.yield() }
        }
        #expect(store.deliveryRecords.allSatisfy { $0.status == "delivered" && $0.attempts == 1 })
    }

    @Test func aRetryAfterLongerThanTheBackoffIsHonoured() async throws {
        let dispatch = ScriptedDispatch(answers: [.failure(.retryable(reason: "ratelimited", retryAfter: .seconds(30)))])
        try await PipelineSamples.queue([PipelineSamples.incident(1)], lanes: [slack], in: store, at: clock.date)
        var calls = dispatch.calls.makeAsyncIterator()
        try await running(service(dispatch)) {
            _ = await next(&calls)
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(29))
            // The 2 s backoff has passed, Retry-After has not: still asleep.
            #expect(clock.sleeperCount == 1 && dispatch.recorded.count == 1)
            clock.advance(by: .seconds(1))
            #expect(await next(&calls) != nil)
        }
        #expect(store.deliveryRecords.first?.status == "delivered")
    }

    @Test func aPermanentErrorFailsTheDeliveryAndTheLaneMovesOn() async throws {
        let dispatch = ScriptedDispatch(answers: [.failure(.permanent(reason: "channel_not_found"))])
        try await PipelineSamples.queue((1...2).map { PipelineSamples.incident($0) }, lanes: [slack], in: store, at: clock.date)
        var calls = dispatch.calls.makeAsyncIterator()
        try await running(service(dispatch)) {
            _ = await next(&calls)
            #expect(await next(&calls)?.alertID == "u-2/web/c2")
        }
        let records = store.deliveryRecords
        #expect(records.map(\.status) == ["failed", "delivered"])
        #expect(records.first?.lastError == "channel_not_found")
    }

    @Test func aDeliveryStillFailingAfterTheMaximumAgeIsGivenUp() async throws {
        let failing = Result<DeliveryReceipt, NotifierError>.failure(.retryable(reason: "timeout", retryAfter: nil))
        let dispatch = ScriptedDispatch(answers: Array(repeating: failing, count: 10))
        try await PipelineSamples.queue([PipelineSamples.incident(1)], lanes: [slack], in: store, at: clock.date)
        let settings = DeliveryService.Settings(retry: RetryPolicy(initial: .seconds(10), maximum: .seconds(10)), maximumAge: .seconds(25))
        var calls = dispatch.calls.makeAsyncIterator()
        try await running(service(dispatch, settings: settings)) {
            _ = await next(&calls)
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(10))
            _ = await next(&calls)
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(10))
            _ = await next(&calls)
            // The third failure would retry at 30 s of age, past 25 s: given up, so nothing is pending any more.
            await clock.waitForSleepers(0)
            while store.deliveryRecords.first?.status == "pending" && !Task.isCancelled { await Task.yield() }
        }
        let record = try #require(store.deliveryRecords.first)
        #expect(record.status == "failed" && record.attempts == 3)
        #expect(record.lastError?.hasPrefix("gave up after 3 attempts") == true)
    }

    @Test func aLaneIsPacedToItsDestinationsRate() async throws {
        let dispatch = ScriptedDispatch()
        try await PipelineSamples.queue((1...2).map { PipelineSamples.incident($0) }, lanes: [slack], in: store, at: clock.date)
        var calls = dispatch.calls.makeAsyncIterator()
        try await running(service(dispatch, pacing: { _ in .seconds(1) })) {
            _ = await next(&calls)
            await clock.waitForSleepers(1)
            #expect(dispatch.recorded.count == 1)
            clock.advance(by: .seconds(1))
            #expect(await next(&calls)?.alertID == "u-2/web/c2")
        }
    }

    @Test func laterCrashesOfTheSameContainerReplyInTheFirstMessagesThread() async throws {
        let dispatch = ScriptedDispatch()
        try await PipelineSamples.queue([PipelineSamples.incident(1)], lanes: [slack], threadKey: "prod|shop|web", in: store, at: clock.date)
        var calls = dispatch.calls.makeAsyncIterator()
        try await running(service(dispatch)) {
            #expect(await next(&calls)?.threadID == nil)
            try await PipelineSamples.queue((2...3).map { PipelineSamples.incident($0) }, lanes: [slack], threadKey: "prod|shop|web", in: store, at: clock.date)
            doorbell.ring()
            #expect(await next(&calls)?.threadID == "m1")
            // The reply recorded the thread's root, so the third message joins the same thread.
            #expect(await next(&calls)?.threadID == "m1")
        }
    }

    @Test func aStoreThatFailsPausesDeliveryUntilItRecovers() async throws {
        let dispatch = ScriptedDispatch()
        try await PipelineSamples.queue([PipelineSamples.incident(1)], lanes: [slack], in: store, at: clock.date)
        store.setFailure("disk I/O error")
        var calls = dispatch.calls.makeAsyncIterator()
        try await running(service(dispatch)) {
            await clock.waitForSleepers(1)
            #expect(dispatch.recorded.isEmpty)
            store.setFailure(nil)
            clock.advance(by: .seconds(1))
            #expect(await next(&calls) != nil)
        }
    }

    @Test func outcomesAreCountedPerDestination() async throws {
        let metrics = TestMetrics()
        let dispatch = ScriptedDispatch(answers: [.failure(.retryable(reason: "HTTP 503", retryAfter: nil)), .failure(.permanent(reason: "invalid_auth"))])
        try await PipelineSamples.queue((1...3).map { PipelineSamples.incident($0) }, lanes: [slack], in: store, at: clock.date)
        var calls = dispatch.calls.makeAsyncIterator()
        try await running(service(dispatch, metrics: PipelineMetrics(factory: metrics))) {
            _ = await next(&calls)
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(2))
            _ = await next(&calls)
            _ = await next(&calls)
            _ = await next(&calls)
            while store.deliveryRecords.contains(where: { $0.status == "pending" }) && !Task.isCancelled { await Task.yield() }
        }
        func count(_ outcome: String) throws -> Int64 {
            try metrics.expectCounter("muninn_deliveries_total", [("destination", "slack"), ("outcome", outcome)]).totalValue
        }
        #expect(try count("retry") == 1 && count("failed") == 1 && count("delivered") == 2)
    }
}
