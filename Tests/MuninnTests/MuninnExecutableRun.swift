import Foundation
import MuninnTesting

/// Runs the built `muninn` executable with `arguments` to its end, its output in `files` (`stdout`, `stderr`),
/// waiting for the exit without holding a thread of the shared pool (``ChildProcess``).
enum MuninnExecutableRun {
    /// - Returns: the exit status (nil if the process vanished unseen) and what it wrote to stderr.
    static func run(_ arguments: [String], files: TemporaryFiles) async throws -> (status: Int32?, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try BenchSmokeTests.muninnExecutable())
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: files.write("stdout", "")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: files.write("stderr", "")))
        let status: Int32? = try await ChildProcess.run(process)
        return (status, (try? String(contentsOfFile: files.path("stderr"), encoding: .utf8)) ?? "")
    }
}
