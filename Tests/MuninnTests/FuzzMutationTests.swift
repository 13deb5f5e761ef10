import Foundation
import Testing

@testable import Muninn

/// CI's short fuzz run. libFuzzer needs an instrumented release build that takes far longer than CI may (see
/// docs/reliability.md#fuzzing), so CI mutates the committed corpus itself, deterministically, and runs every
/// target's check on each mutant in the normal build: no crash, no broken invariant. A failure names the seed
/// and prints the input in base64, to be committed to Fuzz/regressions/TARGET/ once fixed.
@Suite struct FuzzMutationTests {
    /// Mutants per target: a few seconds per target in a debug build.
    static let mutantsPerTarget = 400

    @Test(arguments: FuzzTarget.all.map(\.name))
    func mutatedCorpusInputsKeepTheTargetsInvariants(target: String) async throws {
        let fuzzTarget = try #require(FuzzTarget.named(target))
        let inputs = try FuzzCorpusTests.inputs(of: target).sorted().map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
        try #require(!inputs.isEmpty)
        // One seed per target, so each target's mutants are the same on every run and independent of the others.
        var mutator = FuzzMutator(seed: UInt64(truncatingIfNeeded: target.utf8.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) }))
        for index in 0..<Self.mutantsPerTarget {
            let mutant = mutator.mutate(inputs[index % inputs.count])
            if let problem = fuzzTarget.check(mutant) {
                Issue.record("\(target) mutant \(index): \(problem); input (base64): \(Data(mutant).base64EncodedString())")
            }
            // The checks are synchronous: let the other tests' tasks run between chunks.
            if index % 25 == 24 { await Task.yield() }
        }
    }

    @Test func theSameSeedGivesTheSameMutants() {
        var first = FuzzMutator(seed: 42)
        var second = FuzzMutator(seed: 42)
        let input = Array(#"{"kind":"Pod","metadata":{"name":"web-1"}}"#.utf8)
        let mutants = (0..<50).map { _ in first.mutate(input) }
        #expect(mutants == (0..<50).map { _ in second.mutate(input) })
        #expect(Set(mutants).count > 40, "mutations vary")
        #expect(mutants.contains { $0 != input })
    }
}
