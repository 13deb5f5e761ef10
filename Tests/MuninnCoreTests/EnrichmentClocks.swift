import Synchronization

/// A test clock for enrichment timeouts (the immediate one is `MuninnTesting.ImmediateClock`).
enum EnrichmentClocks {
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
