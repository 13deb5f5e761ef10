/// Endless ticks every `interval` on an injected clock (AsyncTimerSequence needs a concrete clock type).
struct ClockTicks: AsyncSequence, Sendable {
    typealias Element = Duration
    let interval: Duration
    let clock: any Clock<Duration>

    struct AsyncIterator: AsyncIteratorProtocol {
        let interval: Duration
        let clock: any Clock<Duration>
        mutating func next() async throws -> Duration? {
            try await clock.sleep(for: interval)
            return interval
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(interval: interval, clock: clock) }
}
