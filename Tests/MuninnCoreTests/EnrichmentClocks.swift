import Synchronization

/// Test clocks for enrichment timeouts.
enum EnrichmentClocks {
    /// A clock whose sleeps end at once, recording what was asked: every read "times out" unless it has
    /// already answered, so only tests about timeouts use it.
    final class Immediate: Clock, Sendable {
        struct Instant: InstantProtocol {
            var offset: Duration
            func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
            func duration(to other: Instant) -> Duration { other.offset - offset }
            static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        }

        private let state = Mutex((current: Instant(offset: .zero), sleeps: [Duration]()))

        var now: Instant { state.withLock { $0.current } }
        var minimumResolution: Duration { .zero }
        var sleeps: [Duration] { state.withLock { $0.sleeps } }

        func sleep(until deadline: Instant, tolerance: Duration?) async throws {
            try Task.checkCancellation()
            state.withLock { state in
                state.sleeps.append(state.current.duration(to: deadline))
                if state.current < deadline { state.current = deadline }
            }
        }
    }

    /// A clock on which no timeout ever expires: reads always win, so results do not depend on scheduling.
    struct Never: Clock {
        var now: ContinuousClock.Instant { ContinuousClock().now }
        var minimumResolution: Duration { .zero }

        func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {
            // Ended by cancellation as soon as the read it races has answered.
            try await Task.sleep(for: .seconds(86_400 * 365))
        }
    }
}
