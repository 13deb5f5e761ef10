import Foundation
import Synchronization

/// Which lanes have a delivery in flight, and when each lane may next be used: shared by the delivery loop and
/// the attempts it starts, so a slow or hanging destination holds back its own lane and nothing else.
final class LaneSchedule: Sendable {
    private struct State {
        var pacer = LanePacer()
        var busy: Set<DeliveryLane> = []
    }

    private let state = Mutex(State())

    /// The lanes with a delivery in flight.
    var busyLanes: Set<DeliveryLane> { state.withLock { $0.busy } }

    /// Takes up to `limit` deliveries from `due` whose lanes are free and open at `now`, marking their lanes busy.
    func claim(_ due: [PendingDelivery], now: Date, limit: Int) -> [PendingDelivery] {
        state.withLock { state in
            var claimed: [PendingDelivery] = []
            for delivery in due where claimed.count < limit - state.busy.count {
                guard !state.busy.contains(delivery.lane), state.pacer.mayPass(delivery.lane, now: now) else { continue }
                state.busy.insert(delivery.lane)
                claimed.append(delivery)
            }
            return claimed
        }
    }

    /// The lane is free again; its next message may go `interval` after `sentAt`.
    func release(_ lane: DeliveryLane, sentAt: Date, interval: Duration) {
        state.withLock { state in
            state.busy.remove(lane)
            state.pacer.record(lane, at: sentAt, interval: interval)
        }
    }

    /// The earliest time one of `lanes` opens after pacing, when any is closed.
    func nextOpening(for lanes: [DeliveryLane]) -> Date? {
        state.withLock { $0.pacer.nextOpening(for: lanes) }
    }
}
