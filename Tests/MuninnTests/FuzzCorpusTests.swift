import Foundation
import Testing

@testable import Muninn

/// Every committed fuzz input, through its target in the normal build: the seed corpus, what fuzzing added to it,
/// and the input of each finding (Fuzz/regressions/TARGET). None may crash or break the target's invariant.
@Suite struct FuzzCorpusTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(of target: String) throws -> [String] {
        let directories = ["corpus", "regressions"].map { fuzzDirectory.appendingPathComponent($0).appendingPathComponent(target).path }
        return try FuzzReplay.files(in: directories.filter { FileManager.default.fileExists(atPath: $0) })
    }

    @Test(arguments: FuzzTarget.all.map(\.name))
    func committedInputsKeepTheTargetsInvariants(target: String) async throws {
        let fuzzTarget = try #require(FuzzTarget.named(target))
        let files = try Self.inputs(of: target)
        #expect(files.count >= 2, "Fuzz/corpus/\(target) has a seed corpus")
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(fuzzTarget.check(bytes) == nil, "\(file)")
            await Task.yield()  // a large corpus replayed synchronously would hold one of the pool's two threads
        }
    }

    @Test func everyTargetHasACorpusDirectoryAndAUniqueName() {
        let names = FuzzTarget.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(FileManager.default.fileExists(atPath: Self.fuzzDirectory.appendingPathComponent("corpus/\(name)").path), "\(name)")
        }
    }

    /// The seed corpus exercises the parsers' accepting paths, not only their errors: a corpus of rejects would
    /// leave the fuzzer far from the code that matters.
    @Test func theSeedConfigurationsAreAccepted() throws {
        // Only the seeds: what fuzzing added need not even be UTF-8.
        let seeds = try Self.inputs(of: "config-yaml").filter { URL(fileURLWithPath: $0).lastPathComponent.hasPrefix("seed-") }
        let accepted = try seeds.filter { file in
            let text = try String(contentsOfFile: file, encoding: .utf8)
            return (try? MuninnConfiguration.parse(text, file: "/nonexistent-muninn-fuzz/muninn.yaml")) != nil
        }
        #expect(accepted.count >= 5)
    }
}
