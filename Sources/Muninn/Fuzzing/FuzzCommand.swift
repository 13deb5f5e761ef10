import ArgumentParser
import Foundation

/// `muninn fuzz TARGET [ARGS]`: in a binary built by scripts/fuzz.sh, runs libFuzzer on one parser with ARGS
/// (libFuzzer's flags and corpus directories); in a normal build, replays the files and directories in ARGS
/// through the target, to reproduce a finding. Hidden: a developer tool, see Fuzz/README.md.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Fuzz one parser with libFuzzer (fuzz builds), or replay inputs through it.",
        shouldDisplay: false
    )

    @Argument(help: "The target: \(FuzzTarget.all.map(\.name).joined(separator: ", ")).")
    var target: String

    @Argument(parsing: .captureForPassthrough, help: "libFuzzer's flags and corpus directories, or files to replay.")
    var arguments: [String] = []

    func run() throws {
        guard let fuzzTarget = FuzzTarget.named(target) else {
            throw ValidationError("unknown fuzz target '\(target)' (known: \(FuzzTarget.all.map(\.name).joined(separator: ", ")))")
        }
        if let status = LibFuzzerDriver.run(fuzzTarget, arguments: arguments) {
            throw ExitCode(status)
        }
        var failures = 0
        let files = try FuzzReplay.files(in: arguments)
        for file in files {
            guard let problem = fuzzTarget.check(Array(try Data(contentsOf: URL(fileURLWithPath: file)))) else { continue }
            failures += 1
            print("\(file): \(problem)")
        }
        print("\(fuzzTarget.name): replayed \(files.count) inputs, \(failures) broke an invariant (not a fuzz build: no fuzzing)")
        if failures > 0 { throw ExitCode.failure }
    }
}
