import Foundation
import Logging
import MuninnCore
import MuninnTesting
import Testing

/// Lanes that send on while earlier outcomes are being recorded (destinations that recognise a repeated request),
/// and lanes that do not: order, depth, retries and threads, on a store whose records wait until let through.
@Suite(.timeLimit(.minutes(1))) struct DeliveryPipeliningTests {
    let clock = ManualClock()
    let store: HeldRecordingStore
    let doorbell = Doorbell()
    let webhook = DeliveryLane(destination: "webhook", channel: nil)

    init() {
        let clock = clock
        store = HeldRecordingStore(base: InMemoryOutboxStore(now: { clock.date }))
    }

    private func run(depth: Int, _ dispatch: ScriptedDispatch, _ body: () async throws -> Void) async throws {
        let clock = clock
        let store = store
        let service = DeliveryService(
            store: store,
            dispatch: { alert, lane, threadID, logger throws(NotifierError) in
                store.sent(alert.id)
                return try await dispatch.dispatch(alert, lane, threadID, logger)
            },
            pipelining: { _ in depth }, settings: DeliveryService.Settings(retry: RetryPolicy(initial: .seconds(2), maximum: .seconds(60))),
            doorbell: doorbell, clock: clock, now: { clock.date })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            try await body()
            group.cancelAll()
        }
    }

    private func alertID(_ number: Int) -> String { "u-\(number)/web/c\(number)" }

    /// The store's log with records unnamed (the in-memory store numbers deliveries after the incidents).
    private var steps: [String] {
        store.log.map { step in
            switch step {
            case .sent(let alert): "sent \(alert)"
            case .recorded: "recorded"
            }
        }
    }

    @Test func aPipelinedLaneSendsUpToItsDepthBeforeAnyOutcomeIsRecordedInOrder() async throws {
        let dispatch = ScriptedDispatch()
        try await PipelineSamples.queue((1...6).map { PipelineSamples.incident($0) }, lanes: [webhook], in: store, at: clock.date)
        var calls = dispatch.calls.makeAsyncIterator()
        try await run(depth: 4, dispatch) {
            // Four sends while their records are held: the fifth may not go until one of them is on record.
            for _ in 1...4 { _ = await calls.next() }
            #expect(store.log == (1...4).map { .sent(alertID($0)) })
            store.open()
            for _ in 5...6 { _ = await calls.next() }
        }
        let log = store.log
        #expect(log.compactMap { if case .sent(let id) = $0 { id } else { nil } } == (1...6).map(alertID))
        let fifth = try #require(log.firstIndex(of: .sent(alertID(5))))
        let firstRecord = try #require(log.firstIndex { if case .recorded = $0 { true } else { false } })
        #expect(firstRecord < fifth)
    }

    @Test func aLaneWithoutPipeliningSendsItsNextAlertOnlyOnceTheLastOutcomeIsRecorded() async throws {
        let dispatch = ScriptedDispatch()
        try await PipelineSamples.queue((1...3).map { PipelineSamples.incident($0) }, lanes: [webhook], in: store, at: clock.date)
        var waiting = store.recordsWaiting.makeAsyncIterator()
        var calls = dispatch.calls.makeAsyncIterator()
        try await run(depth: 1, dispatch) {
            _ = await waiting.next()
            #expect(store.log == [.sent(alertID(1))])
            store.open()
            for _ in 1...3 { _ = await calls.next() }
        }
        // The service waited for the last send's record before it returned.
        #expect(steps == ["sent \(alertID(1))", "recorded", "sent \(alertID(2))", "recorded", "sent \(alertID(3))", "recorded"])
    }

    @Test func aFailedSendHoldsItsPipelinedLaneSoTheRetryKeepsItsPlace() async throws {
        let dispatch = ScriptedDispatch(answers: [.failure(.retryable(reason: "HTTP 503", retryAfter: nil))])
        try await PipelineSamples.queue((1...3).map { PipelineSamples.incident($0) }, lanes: [webhook], in: store, at: clock.date)
        store.open()
        var calls = dispatch.calls.makeAsyncIterator()
        try await run(depth: 4, dispatch) {
            #expect(await calls.next()?.alertID == alertID(1))
            // The failure is recorded and the lane waits for the retry, sending nothing behind it.
            await clock.waitForSleepers(1)
            #expect(dispatch.recorded.map(\.alertID) == [alertID(1)])
            clock.advance(by: .seconds(2))
            #expect(await calls.next()?.alertID == alertID(1))
            #expect(await calls.next()?.alertID == alertID(2))
            #expect(await calls.next()?.alertID == alertID(3))
        }
    }

    @Test func aReplyWaitsUntilItsThreadsFirstMessageIsOnRecord() async throws {
        let dispatch = ScriptedDispatch()
        try await PipelineSamples.queue((1...2).map { PipelineSamples.incident($0) }, lanes: [webhook], threadKey: "prod|shop|web", in: store, at: clock.date)
        var waiting = store.recordsWaiting.makeAsyncIterator()
        var calls = dispatch.calls.makeAsyncIterator()
        try await run(depth: 4, dispatch) {
            _ = await waiting.next()
            #expect(store.log == [.sent(alertID(1))])
            store.open()
            #expect(await calls.next()?.threadID == nil)
            #expect(await calls.next()?.threadID == "m1")
        }
        #expect(steps.prefix(3) == ["sent \(alertID(1))", "recorded", "sent \(alertID(2))"])
    }
}
