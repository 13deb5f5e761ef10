/// Exponential backoff with jitter: 0.8 s doubling to a 30 s cap (client-go's reflector defaults), each delay
/// stretched by up to `jitter` × itself and clamped to the cap. A value type; the random source is passed in.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var factor: Double
    public var jitter: Double
    /// Failures since the last reset.
    public private(set) var attempt = 0

    public init(initial: Duration = .milliseconds(800), maximum: Duration = .seconds(30), factor: Double = 2, jitter: Double = 1) {
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.jitter = jitter
    }

    /// The delay before the next retry; `random` is in [0, 1).
    public mutating func next(random: Double) -> Duration {
        let exponent = min(attempt, 64)
        attempt += 1
        let base = min(initial.secondsDouble * pow(factor, exponent), maximum.secondsDouble)
        let delay = min(base * (1 + jitter * random), maximum.secondsDouble)
        return .nanoseconds(Int64((delay * 1e9).rounded()))
    }

    /// Called after a success: the next failure waits `initial` again.
    public mutating func reset() {
        attempt = 0
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent {
            result *= base
            if result > 1e12 { break }
        }
        return result
    }
}
