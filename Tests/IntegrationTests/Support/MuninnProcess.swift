import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The real `muninn` binary as a child process, for faults only a process shows (SIGKILL): its output is
/// collected line by line as it arrives, and a test waits for a line instead of for time.
final class MuninnProcess: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct State {
        var output = ""
        var waiters: [(needle: String, count: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var exited = false
        /// The exit status once the process has ended, and who awaits it.
        var terminationStatus: Int32?
        var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    }

    /// Shared with the pipe's readability handler, which outlives no one but must not capture `self`.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let process: Process
    private let shared = Shared()

    /// The binary built next to the tests (`swift build` puts every product in one folder), or `MUNINN_BINARY`.
    static func binaryPath() throws -> String {
        if let path = ProcessInfo.processInfo.environment["MUNINN_BINARY"], !path.isEmpty { return path }
        let products = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() } + [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for folder in products {
            let candidate = folder.appendingPathComponent("muninn").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "no muninn binary next to the test bundle (\(products.map { $0.path })); set MUNINN_BINARY")
    }

    /// Starts `muninn` with `arguments`; its stdout and stderr are collected together.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binaryPath())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let shared = shared
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            let (due, output): ([CheckedContinuation<Void, any Error>], String) = shared.state.withLock { state in
                if data.isEmpty {
                    state.exited = true
                    let all = state.waiters.map(\.continuation)
                    state.waiters.removeAll()
                    return (all, state.output)
                }
                state.output += String(decoding: data, as: UTF8.self)
                let output = state.output
                let isDue = { (waiter: (needle: String, count: Int, continuation: CheckedContinuation<Void, any Error>)) in
                    MuninnProcess.occurrences(of: waiter.needle, in: output) >= waiter.count
                }
                let due = state.waiters.filter(isDue)
                state.waiters.removeAll(where: isDue)
                return (due.map(\.continuation), output)
            }
            if data.isEmpty {
                handle.readabilityHandler = nil
                for continuation in due { continuation.resume(throwing: Failure(description: "muninn exited:\n\(output.suffix(4000))")) }
            } else {
                for continuation in due { continuation.resume() }
            }
        }
        // Waiting for the exit without blocking a thread: the cooperative pool has one thread per core, and a
        // fake receiver that `muninn` is waiting on during its shutdown needs one to answer.
        process.terminationHandler = { process in
            let status = process.terminationStatus
            let waiters = shared.state.withLock { state in
                state.terminationStatus = status
                defer { state.exitWaiters = [] }
                return state.exitWaiters
            }
            for waiter in waiters { waiter.resume(returning: status) }
        }
        try process.run()
    }

    /// Everything the process wrote so far.
    var output: String { shared.state.withLock { $0.output } }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Returns once the output contains `needle` `count` times; throws when the process ends first.
    func waitFor(_ needle: String, count: Int = 1) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let resumeNow: Result<Void, any Error>? = shared.state.withLock { state in
                if Self.occurrences(of: needle, in: state.output) >= count { return .success(()) }
                if state.exited { return .failure(Failure(description: "muninn exited before writing \(needle):\n\(state.output.suffix(4000))")) }
                state.waiters.append((needle: needle, count: count, continuation: continuation))
                return nil
            }
            if let resumeNow { continuation.resume(with: resumeNow) }
        }
    }

    /// SIGKILL: no handler runs, nothing is flushed or drained.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM without waiting, so a test can watch what the process does while it shuts down.
    func sendTerminate() {
        kill(process.processIdentifier, SIGTERM)
    }

    /// Waits for the process to end; its exit status.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Suspends until the process has ended; its exit status. Unlike ``waitForExit()`` it holds no thread meanwhile.
    func exited() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let status: Int32? = shared.state.withLock { state in
                if state.terminationStatus == nil { state.exitWaiters.append(continuation) }
                return state.terminationStatus
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// SIGTERM, then ``exited()``: the graceful shutdown a pod gets, awaited without holding a thread.
    @discardableResult
    func stop() async -> Int32 {
        if process.isRunning { sendTerminate() }
        return await exited()
    }

    /// SIGTERM and wait: the graceful shutdown a pod gets. Blocks its thread until the process ends: for `defer`
    /// blocks; where the process may wait on something this test process serves, use ``stop()``.
    func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
