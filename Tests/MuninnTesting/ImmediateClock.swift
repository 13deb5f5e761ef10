import Synchronization

/// A clock whose sleeps return at once (after yielding), recording what was asked: backoff,
/// Retry-After and timeout waits are asserted instead of waited for. Shared by the test targets.
///
/// Its `now` never moves, so a sleep's recorded duration is exactly the one asked for, however
/// many sleepers run at once (advancing time for one sleeper would shorten what the others record).
public final class ImmediateClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let recorded = Mutex<[Duration]>([])

    public init() {}

    public var now: Instant { Instant(offset: .zero) }
    public var minimumResolution: Duration { .zero }
    /// Every sleep asked for, in order.
    public var sleeps: [Duration] { recorded.withLock { $0 } }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        recorded.withLock { $0.append(now.duration(to: deadline)) }
        await Task.yield()
    }
}
