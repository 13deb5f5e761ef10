import Foundation

/// Sliding-window rate limits ("at most 4 in 1 s", "at most 100 in 60 s") driven by an injected clock.
struct FakeRateWindow: Sendable {
    var limits: [(count: Int, seconds: TimeInterval)]
    private var times: [Date] = []

    init(_ limits: [(count: Int, seconds: TimeInterval)]) { self.limits = limits }

    /// Records a request at `now` when every limit allows it; otherwise returns the seconds until one would.
    mutating func admit(at now: Date) -> TimeInterval? {
        let longest = limits.map(\.seconds).max() ?? 0
        times.removeAll { $0 <= now.addingTimeInterval(-longest) }
        for limit in limits {
            let recent = times.filter { $0 > now.addingTimeInterval(-limit.seconds) }
            if recent.count >= limit.count, let oldest = recent.first {
                return max(0.001, oldest.addingTimeInterval(limit.seconds).timeIntervalSince(now))
            }
        }
        times.append(now)
        return nil
    }
}
