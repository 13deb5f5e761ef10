/// Whether a resource grew over a soak, judged from its samples after warm-up.
///
/// The rule (docs/reliability.md): the first third of the samples is warm-up and is not judged. Over the last two
/// thirds, fit a least-squares line; over the same span, compare the mean of the last third with the mean of the
/// middle third. The resource is **growing** when both the line's rise across the span and the difference of the
/// means exceed the tolerance, `max(absolute, relative × the middle third's mean)`; otherwise it is **flat**. A
/// sawtooth (a cache that fills and is trimmed, a burst of connections) moves one of the two and not the other;
/// a leak moves both.
struct GrowthVerdict: Codable, Sendable, Equatable {
    var resource: String
    /// "flat", "growing", or "too few samples".
    var verdict: String
    /// Least-squares slope over the last two thirds, per minute.
    var slopePerMinute: Double
    /// Slope × the span of the last two thirds.
    var riseOverSpan: Double
    var middleThirdMean: Double
    var lastThirdMean: Double
    var tolerance: Double

    static let flat = "flat"
    static let growing = "growing"
    static let tooFewSamples = "too few samples"

    /// `points` are (seconds, value) in time order.
    static func judge(_ resource: String, _ points: [(seconds: Double, value: Double)], absoluteTolerance: Double, relativeTolerance: Double) -> GrowthVerdict {
        let start = points.count / 3
        let judged = Array(points[start...])
        let middle = Array(judged.prefix(judged.count / 2))
        let last = Array(judged.suffix(judged.count - judged.count / 2))
        guard judged.count >= 4, !middle.isEmpty, !last.isEmpty else {
            return GrowthVerdict(
                resource: resource, verdict: tooFewSamples, slopePerMinute: 0, riseOverSpan: 0, middleThirdMean: 0, lastThirdMean: 0,
                tolerance: absoluteTolerance)
        }
        let slope = leastSquaresSlope(judged)
        let span = (judged.last?.seconds ?? 0) - (judged.first?.seconds ?? 0)
        let middleMean = mean(middle.map { $0.value })
        let lastMean = mean(last.map { $0.value })
        let tolerance = max(absoluteTolerance, relativeTolerance * abs(middleMean))
        let rise = slope * span
        let grows = rise > tolerance && lastMean - middleMean > tolerance
        return GrowthVerdict(
            resource: resource, verdict: grows ? growing : flat, slopePerMinute: slope * 60, riseOverSpan: rise, middleThirdMean: middleMean,
            lastThirdMean: lastMean, tolerance: tolerance)
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    /// The slope of the least-squares line through the points (0 when every point has the same time).
    static func leastSquaresSlope(_ points: [(seconds: Double, value: Double)]) -> Double {
        let meanX = mean(points.map { $0.seconds })
        let meanY = mean(points.map { $0.value })
        var covariance = 0.0
        var variance = 0.0
        for point in points {
            covariance += (point.seconds - meanX) * (point.value - meanY)
            variance += (point.seconds - meanX) * (point.seconds - meanX)
        }
        return variance > 0 ? covariance / variance : 0
    }
}
