import Testing

@testable import Muninn

/// The soak's rule for "flat" and "growing" (docs/reliability.md), on made-up series.
@Suite struct GrowthVerdictTests {
    private func series(_ values: [Double]) -> [(seconds: Double, value: Double)] {
        values.enumerated().map { (Double($0.offset) * 10, $0.element) }
    }

    @Test func aSteadyLeakIsGrowing() {
        let leak = series((0..<30).map { 100 + Double($0) })
        let verdict = GrowthVerdict.judge("RSS", leak, absoluteTolerance: 5, relativeTolerance: 0)
        #expect(verdict.verdict == GrowthVerdict.growing)
        #expect(abs(verdict.slopePerMinute - 6) < 1e-9)
    }

    @Test func warmUpGrowthInTheFirstThirdIsNotJudged() {
        let warmingUp = series((0..<30).map { $0 < 10 ? Double($0) * 10 : 100 })
        #expect(GrowthVerdict.judge("RSS", warmingUp, absoluteTolerance: 1, relativeTolerance: 0).verdict == GrowthVerdict.flat)
    }

    @Test func aSawtoothWithinTheToleranceIsFlat() {
        let sawtooth = series((0..<30).map { 100 + Double($0 % 5) })
        #expect(GrowthVerdict.judge("threads", sawtooth, absoluteTolerance: 2, relativeTolerance: 0).verdict == GrowthVerdict.flat)
    }

    @Test func oneLateSpikeMovesTheMeanButNotTheLineEnoughToCount() {
        var values = Array(repeating: 100.0, count: 30)
        values[20] = 160
        let verdict = GrowthVerdict.judge("sockets", series(values), absoluteTolerance: 2, relativeTolerance: 0)
        #expect(verdict.lastThirdMean - verdict.middleThirdMean > 2)
        #expect(verdict.verdict == GrowthVerdict.flat, "\(verdict)")
    }

    @Test func theRelativeToleranceScalesWithTheMean() {
        let slow = series((0..<30).map { 100_000_000 + Double($0) * 100_000 })
        let verdict = GrowthVerdict.judge("RSS", slow, absoluteTolerance: 1_000_000, relativeTolerance: 0.05)
        #expect(verdict.tolerance > 5_000_000)
        #expect(verdict.verdict == GrowthVerdict.flat)
    }

    @Test func tooFewSamplesAreSaidSo() {
        #expect(GrowthVerdict.judge("RSS", series([1, 2, 3]), absoluteTolerance: 1, relativeTolerance: 0).verdict == GrowthVerdict.tooFewSamples)
    }

    @Test func deliveryCountsLostDuplicatedAndUnexpectedPerKey() {
        let delivery = SoakRunner.delivery(expected: ["a": 2, "b": 1], delivered: ["a": 1, "c": 1], duplicated: 3)
        #expect(delivery.expected == 3)
        #expect(delivery.delivered == 1)
        #expect(delivery.lost == 2)
        #expect(delivery.unexpected == 1)
        #expect(delivery.duplicated == 3)
    }
}
