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

    /// A test waiting for sleepers to arrive (``waitForSleepers(_:)``, ``waitForSleeper(dueIn:)``).
    private struct Watcher {
        var isSatisfied: @Sendable (State) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
        var cancelled: Set<Int> = []
        var watchers: [Int: Watcher] = [:]

        /// Removes and returns the watchers whose condition now holds.
        mutating func satisfiedWatchers() -> [Watcher] {
            let state = self
            let due = watchers.filter { $0.value.isSatisfied(state) }
            for id in due.keys { watchers[id] = nil }
            return Array(due.values)
        }
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
                let (resumeNow, watchers): (Result<Void, any Error>?, [Watcher]) = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return (.failure(CancellationError()), []) }
                    if deadline <= state.now { return (.success(()), []) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return (nil, state.satisfiedWatchers())
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
                for watcher in watchers { watcher.continuation.resume() }
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
        let (due, watchers) = state.withLock { state -> ([Sleeper], [Watcher]) in
            state.now = state.now.advanced(by: duration)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return (Array(due.values), state.satisfiedWatchers())
        }
        for sleeper in due { sleeper.continuation.resume() }
        for watcher in watchers { watcher.continuation.resume() }
    }

    /// Suspends until at least `count` tasks sleep on the clock (or the waiting task is cancelled).
    public func waitForSleepers(_ count: Int) async {
        await waitUntil { state in state.sleepers.count >= count }
    }

    /// Suspends until a task sleeps until exactly `duration` from now: tells one loop's next sleep apart from a
    /// timeout another task is waiting on.
    public func waitForSleeper(dueIn duration: Duration) async {
        await waitUntil { state in
            let deadline = state.now.advanced(by: duration)
            return state.sleepers.values.contains { $0.deadline == deadline }
        }
    }

    /// Suspends until `condition` holds, checked whenever a sleeper arrives: a test waiting here holds no thread
    /// and burns no time (a yield loop would keep a thread of the shared pool busy for as long as it waits).
    private func waitUntil(_ condition: @escaping @Sendable (State) -> Bool) async {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if condition(state) || Task.isCancelled { return true }
                    state.watchers[id] = Watcher(isSatisfied: condition, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let watcher = state.withLock { state in state.watchers.removeValue(forKey: id) }
            watcher?.continuation.resume()
        }
    }
}
