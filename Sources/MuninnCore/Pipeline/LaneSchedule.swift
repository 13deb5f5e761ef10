import Foundation
import Synchronization

/// Which lanes are sending, which sends are still being recorded, and when each lane may next be used: shared by
/// the delivery loop and the attempts it starts, so a slow or hanging destination holds back its own lane and
/// nothing else.
///
/// A lane sends one message at a time, in order. Where the destination recognises a repeated request (a webhook's
/// `webhook-id`, PagerDuty's `dedup_key`, an Elasticsearch `_id`), a lane may send its next message while the outcome
/// of the previous ones is still being written to the store (`depth` sends in flight, the one being sent included):
/// the disk's commit time then no longer limits the lane's rate.
final class LaneSchedule: Sendable {
    private struct Lane {
        var sending = false
        /// Sent and delivered, the outcome not yet durable: delivery id -> thread key.
        var recording: [PendingDelivery.ID: String?] = [:]

        var isIdle: Bool { !sending && recording.isEmpty }
    }

    private struct State {
        var pacer = LanePacer()
        var lanes: [DeliveryLane: Lane] = [:]
        var sendingCount = 0
        /// Deliveries whose outcome became durable since the delivery loop began its latest read of the outbox.
        /// That read may have been answered from before the commit (a second connection, a snapshot taken while the
        /// record was being written), so it may still list them as due: they must not be sent again.
        var recordedDuringRead: Set<PendingDelivery.ID> = []
    }

    private let state = Mutex(State())
    private let depth: @Sendable (DeliveryLane) -> Int

    /// - Parameter depth: how many sends of a lane may be in flight (sending or being recorded); 1 sends the next
    ///   message only once the previous one's outcome is durable.
    init(depth: @escaping @Sendable (DeliveryLane) -> Int = { _ in 1 }) {
        self.depth = depth
    }

    /// The lanes that cannot take a new delivery now: sending, or waiting for sends to be recorded.
    var busyLanes: Set<DeliveryLane> { state.withLock { Set($0.lanes.keys) } }

    /// Called as the delivery loop begins a read of the due deliveries: returns those whose send is over but whose
    /// outcome is still being recorded (still pending in the store, not to be read back as due), and starts noting
    /// the outcomes that become durable while the read is under way (`claim` passes over those).
    func readBegins() -> Set<PendingDelivery.ID> {
        state.withLock { state in
            state.recordedDuringRead = []
            return Set(state.lanes.values.flatMap(\.recording.keys))
        }
    }

    /// Takes up to `limit` deliveries (across lanes, counting the sends under way) from `due` whose lanes may send
    /// at `now`, marking their lanes sending.
    ///
    /// A lane may send when it is not sending, is open after pacing, has fewer than its depth in flight, and has no
    /// send of the same thread still being recorded (a reply needs its thread's first message on record).
    func claim(_ due: [PendingDelivery], now: Date, limit: Int) -> [PendingDelivery] {
        state.withLock { state in
            var claimed: [PendingDelivery] = []
            for delivery in due where state.sendingCount < limit {
                var lane = state.lanes[delivery.lane] ?? Lane()
                guard !lane.sending, lane.recording[delivery.id] == nil, !state.recordedDuringRead.contains(delivery.id),
                    lane.recording.count < max(1, depth(delivery.lane)),
                    delivery.threadKey == nil || !lane.recording.values.contains(delivery.threadKey),
                    state.pacer.mayPass(delivery.lane, now: now)
                else { continue }
                lane.sending = true
                state.lanes[delivery.lane] = lane
                state.sendingCount += 1
                claimed.append(delivery)
            }
            return claimed
        }
    }

    /// The send of `delivery` is over; its next message may go `interval` after `sentAt`. When `recording`, the lane
    /// may send on while the outcome is written (call `recorded` after); otherwise the lane waits until `release`.
    /// - Returns: whether the lane is free to send again.
    @discardableResult
    func sent(_ delivery: PendingDelivery, at sentAt: Date, interval: Duration, recording: Bool) -> Bool {
        state.withLock { state in
            state.pacer.record(delivery.lane, at: sentAt, interval: interval)
            guard recording, depth(delivery.lane) > 1 else { return false }
            state.lanes[delivery.lane, default: Lane()].sending = false
            state.lanes[delivery.lane, default: Lane()].recording[delivery.id] = .some(delivery.threadKey)
            state.sendingCount -= 1
            return true
        }
    }

    /// The outcome of `delivery` is durable: the lane no longer waits for it.
    /// - Returns: whether the lane may now take a delivery it could not take before; not while it is sending its
    ///   next one, whose own end says so (waking the delivery loop for each would double its reads).
    @discardableResult
    func release(_ delivery: PendingDelivery) -> Bool {
        state.withLock { state in
            state.recordedDuringRead.insert(delivery.id)
            guard var lane = state.lanes[delivery.lane] else { return true }
            if lane.recording.removeValue(forKey: delivery.id) == nil, lane.sending {
                lane.sending = false
                state.sendingCount -= 1
            }
            state.lanes[delivery.lane] = lane.isIdle ? nil : lane
            return !lane.sending
        }
    }

    /// The earliest time one of `lanes` opens after pacing, when any is closed.
    func nextOpening(for lanes: [DeliveryLane]) -> Date? {
        state.withLock { $0.pacer.nextOpening(for: lanes) }
    }
}
