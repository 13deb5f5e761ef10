import Foundation
import Testing

@testable import MuninnCore

/// Which deliveries the schedule lets go: one send at a time per lane, the depth of sends in flight, threads, the
/// limit across lanes and pacing.
@Suite struct LaneScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let webhook = DeliveryLane(destination: "webhook", channel: nil)
    let slack = DeliveryLane(destination: "slack", channel: "#ops")

    private func delivery(_ id: Int64, _ lane: DeliveryLane, thread: String? = nil) -> PendingDelivery {
        PendingDelivery(
            id: id, lane: lane, threadKey: thread,
            alert: Alert(id: "a\(id)", kind: .crashed, cluster: "prod", namespace: "shop", pod: "web", container: "web", reason: "Error", occurredAt: now),
            attempts: 0, queuedAt: now, nextAttemptAt: now, lastError: nil)
    }

    @Test func aLaneSendsOneAtATimeAndTheLimitCountsSendsAcrossLanes() {
        let schedule = LaneSchedule()
        #expect(schedule.claim([delivery(1, webhook), delivery(2, slack)], now: now, limit: 1).map(\.id) == [1])
        #expect(schedule.claim([delivery(2, slack)], now: now, limit: 1).isEmpty)
        #expect(schedule.claim([delivery(2, slack)], now: now, limit: 2).map(\.id) == [2])
        #expect(schedule.busyLanes == [webhook, slack])
    }

    @Test func withoutDepthALaneWaitsForTheRecordEvenAfterASuccessfulSend() {
        let schedule = LaneSchedule()
        let first = delivery(1, webhook)
        #expect(schedule.claim([first], now: now, limit: 8).count == 1)
        #expect(!schedule.sent(first, at: now, interval: .zero, recording: true))
        #expect(schedule.claim([delivery(2, webhook)], now: now, limit: 8).isEmpty)
        schedule.release(first)
        #expect(schedule.busyLanes.isEmpty)
        #expect(schedule.claim([delivery(2, webhook)], now: now, limit: 8).map(\.id) == [2])
    }

    @Test func aPipelinedLaneSendsOnUntilItsDepthIsInFlight() {
        let schedule = LaneSchedule(depth: { _ in 3 })
        var inFlight: [PendingDelivery] = []
        for id in Int64(1)...3 {
            let next = delivery(id, webhook)
            #expect(schedule.claim([next], now: now, limit: 8).map(\.id) == [id])
            #expect(schedule.sent(next, at: now, interval: .zero, recording: true))
            inFlight.append(next)
        }
        #expect(schedule.readBegins() == [1, 2, 3])
        #expect(schedule.claim([delivery(4, webhook)], now: now, limit: 8).isEmpty)
        schedule.release(inFlight[0])
        #expect(schedule.readBegins() == [2, 3])
        #expect(schedule.claim([delivery(4, webhook)], now: now, limit: 8).map(\.id) == [4])
    }

    /// The read may be answered from before the record's commit (the outbox's second connection): what it lists as
    /// due was sent already. The soak's duplicated alerts came from here.
    @Test func aDeliveryRecordedWhileTheLoopReadsIsNotSentAgainFromThatRead() {
        let schedule = LaneSchedule()
        let first = delivery(1, webhook)
        _ = schedule.claim([first], now: now, limit: 8)
        schedule.sent(first, at: now, interval: .zero, recording: false)
        #expect(schedule.readBegins().isEmpty)
        schedule.release(first)
        #expect(schedule.claim([first, delivery(2, slack)], now: now, limit: 8).map(\.id) == [2])
        // A read begun after the record sees it: nothing to pass over any more.
        _ = schedule.readBegins()
        #expect(schedule.claim([delivery(3, webhook)], now: now, limit: 8).map(\.id) == [3])
    }

    @Test func aPipelinedSendRecordedWhileTheLoopReadsIsNotSentAgainFromThatRead() {
        let schedule = LaneSchedule(depth: { _ in 4 })
        let first = delivery(1, webhook)
        _ = schedule.claim([first], now: now, limit: 8)
        schedule.sent(first, at: now, interval: .zero, recording: true)
        #expect(schedule.readBegins() == [1])
        schedule.release(first)
        #expect(schedule.claim([first], now: now, limit: 8).isEmpty)
    }

    @Test func aRecordOnlyWakesTheLoopWhenItFreesTheLane() {
        let schedule = LaneSchedule(depth: { _ in 3 })
        let first = delivery(1, webhook)
        _ = schedule.claim([first], now: now, limit: 8)
        schedule.sent(first, at: now, interval: .zero, recording: true)
        let second = delivery(2, webhook)
        _ = schedule.claim([second], now: now, limit: 8)
        // The lane is sending its next message: the end of that send wakes the loop, not this record.
        #expect(!schedule.release(first))
        schedule.sent(second, at: now, interval: .zero, recording: true)
        #expect(schedule.release(second))
        #expect(schedule.busyLanes.isEmpty)
        // A failed send holds the lane until recorded; its record frees the lane.
        let third = delivery(3, webhook)
        _ = schedule.claim([third], now: now, limit: 8)
        #expect(!schedule.sent(third, at: now, interval: .zero, recording: false))
        #expect(schedule.release(third))
    }

    @Test func aFailedSendKeepsThePipelinedLaneUntilRecorded() {
        let schedule = LaneSchedule(depth: { _ in 3 })
        let first = delivery(1, webhook)
        _ = schedule.claim([first], now: now, limit: 8)
        #expect(!schedule.sent(first, at: now, interval: .zero, recording: false))
        #expect(schedule.claim([delivery(2, webhook)], now: now, limit: 8).isEmpty)
        schedule.release(first)
        #expect(schedule.claim([delivery(2, webhook)], now: now, limit: 8).map(\.id) == [2])
    }

    @Test func aReplyWaitsWhileItsThreadIsBeingRecordedButOtherThreadsGoOn() {
        let schedule = LaneSchedule(depth: { _ in 4 })
        let first = delivery(1, webhook, thread: "shop/web")
        _ = schedule.claim([first], now: now, limit: 8)
        schedule.sent(first, at: now, interval: .zero, recording: true)
        #expect(schedule.claim([delivery(2, webhook, thread: "shop/web")], now: now, limit: 8).isEmpty)
        #expect(schedule.claim([delivery(2, webhook, thread: "shop/api")], now: now, limit: 8).map(\.id) == [2])
    }

    @Test func pacingStillSpacesAPipelinedLane() {
        let schedule = LaneSchedule(depth: { _ in 4 })
        let first = delivery(1, webhook)
        _ = schedule.claim([first], now: now, limit: 8)
        schedule.sent(first, at: now, interval: .seconds(1), recording: true)
        #expect(schedule.claim([delivery(2, webhook)], now: now, limit: 8).isEmpty)
        #expect(schedule.nextOpening(for: [webhook]) == now.addingTimeInterval(1))
        #expect(schedule.claim([delivery(2, webhook)], now: now.addingTimeInterval(1), limit: 8).map(\.id) == [2])
    }
}
