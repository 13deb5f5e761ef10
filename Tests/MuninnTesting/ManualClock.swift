import Foundation
import Synchronization

/// A clock that only moves when a test advances it, so timeouts and bookmarks are tested
/// without real waiting.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
        var cancelled: Set<Int> = []
    }

    private let state = Mutex(State())
    /// The wall-clock time at offset zero: `date` moves with the clock, so `now: () -> Date` closures and
    /// sleeps agree in tests.
    public let start: Date

    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.start = start
    }

    /// The wall-clock time the clock stands at.
    public var date: Date { start.addingTimeInterval(Double(now.offset.components.seconds) + Double(now.offset.components.attoseconds) / 1e18) }

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Number of tasks currently sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Result<Void, any Error>? = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                if let sleeper = state.sleepers.removeValue(forKey: id) { return sleeper }
                state.cancelled.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.advanced(by: duration)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return Array(due.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Waits (by yielding, not sleeping) until at least `count` tasks sleep on the clock.
    public func waitForSleepers(_ count: Int) async {
        while sleeperCount < count && !Task.isCancelled { await Task.yield() }
    }

    /// Waits (by yielding, not sleeping) until a task sleeps until exactly `duration` from now: tells one loop's
    /// next sleep apart from a timeout another task is waiting on.
    public func waitForSleeper(dueIn duration: Duration) async {
        while !Task.isCancelled {
            let found = state.withLock { state in
                let deadline = state.now.advanced(by: duration)
                return state.sleepers.values.contains { $0.deadline == deadline }
            }
            if found { return }
            await Task.yield()
        }
    }
}
