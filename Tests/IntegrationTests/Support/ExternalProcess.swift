import Foundation
import MuninnTesting

/// Runs a real program (kubectl, python3) to completion with a hard time limit, so a test can
/// never hang on it. Output goes to files, not pipes, so a chatty program cannot block on a full pipe; the exit is
/// awaited without holding a thread (``ChildProcess``).
struct ExternalProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
    }

    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60),
        whileRunning: (@Sendable (_ stdoutPath: String) async throws -> Void)? = nil
    ) async throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }  // try?: temp files only
        let stdoutURL = directory.appendingPathComponent("stdout"), stderrURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : try ProgramRun.locate(executable))
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        let child = try ChildProcess(starting: process)

        // Whichever ends the race, the others are cancelled; a cancelled wait for the exit kills the program.
        let timedOut = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await child.exited()
                return false
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return true
            }
            if let whileRunning {
                group.addTask {
                    try await whileRunning(stdoutURL.path)
                    try await Task.sleep(for: timeout)  // keep this child from deciding the race
                    return true
                }
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        let status = await child.exited()
        return Outcome(
            status: status,
            stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "",
            timedOut: timedOut)
    }
}
