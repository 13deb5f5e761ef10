import Foundation

/// Remembers when each lane may next be used, so a destination's rate limit is respected before it has
/// to answer 429. Forgets lanes whose opening has passed, so memory follows the active lanes only.
struct LanePacer: Sendable {
    private var openings: [DeliveryLane: Date] = [:]

    func mayPass(_ lane: DeliveryLane, now: Date) -> Bool {
        openings[lane].map { now >= $0 } ?? true
    }

    /// The earliest time one of `lanes` opens, when any is closed.
    func nextOpening(for lanes: [DeliveryLane]) -> Date? {
        lanes.compactMap { openings[$0] }.min()
    }

    mutating func record(_ lane: DeliveryLane, at time: Date, interval: Duration) {
        if openings.count > 1024 { openings = openings.filter { $0.value > time } }
        openings[lane] = interval > .zero ? time.addingTimeInterval(interval.seconds) : nil
    }
}
