import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program the benchmark runs beside itself (the Muninn watcher, kubectl, Python, the reader): its output
/// goes to files, never pipes, so a chatty program cannot block on a full pipe and the harness reads at its
/// own pace.
final class BenchProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the harness's single task; Foundation's Process is thread-safe
    // for the calls used here.
    let process: Process
    let stdoutPath: String
    let stderrPath: String
    let startedAt: UInt64

    /// Starts `executable` (a path, or a name looked up on PATH).
    init(_ executable: String, _ arguments: [String], directory: String, label: String) throws {
        stdoutPath = "\(directory)/\(label).out"
        stderrPath = "\(directory)/\(label).err"
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : (Self.locate(executable) ?? executable))
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        startedAt = MonotonicTime.nanoseconds()
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var probe: ProcessProbe { ProcessProbe(pid: pid) }

    /// Freezes the process (SIGSTOP), so the server can queue events for it without it reading them yet.
    func pause() { kill(pid, SIGSTOP) }
    func resume() { kill(pid, SIGCONT) }

    /// SIGTERM, then waits for the exit (SIGKILL after `grace`).
    func stop(grace: Duration = .seconds(10)) async {
        guard process.isRunning else { return }
        kill(pid, SIGCONT)
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))  // try?: a cancelled wait still kills below
        }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits for the exit; kills the process after `timeout`. Returns the exit status, nil on timeout.
    func wait(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))  // try?: cancellation ends the wait like a timeout
        }
        if process.isRunning {
            await stop()
            return nil
        }
        return process.terminationStatus
    }

    var standardError: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var standardOutput: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

    static func locate(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
