import Foundation
import MuninnTesting
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

    private struct Waiter {
        var id: Int
        var needle: String
        var count: Int
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var output = ""
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var exited = false
    }

    /// Shared with the pipe's readability handler, which outlives no one but must not capture `self`.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let child: ChildProcess
    private let shared: Shared

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binaryPath())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let shared = Shared()
        self.shared = shared
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
                let isDue = { (waiter: Waiter) in
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
        // The exit is awaited without blocking a thread (ChildProcess): the cooperative pool has one thread per
        // core, and a fake receiver that `muninn` is waiting on during its shutdown needs one to answer.
        child = try ChildProcess(starting: process)
    }

    /// Runs `body` with `muninn` started with `arguments`, and stops it on the way out (SIGTERM, then SIGKILL after
    /// a grace period), also when `body` throws: the scoped form of ``stop()``, since `defer` cannot await.
    static func with<Result>(
        _ arguments: [String], environment: [String: String] = [:], _ body: (MuninnProcess) async throws -> Result
    ) async throws -> Result {
        let muninn = try MuninnProcess(arguments, environment: environment)
        do {
            let result = try await body(muninn)
            await muninn.stop()
            return result
        } catch {
            await muninn.stop()
            throw error
        }
    }

    /// Everything the process wrote so far.
    var output: String { shared.state.withLock { $0.output } }

    var processIdentifier: Int32 { child.processIdentifier }

    /// Returns once the output contains `needle` `count` times; throws when the process ends first.
    func waitFor(_ needle: String, count: Int = 1) async throws {
        let id = shared.state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        // A cancelled test (its time limit passed) stops waiting, so a scoped helper can still stop the process.
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Result<Void, any Error>? = shared.state.withLock { state in
                    if Self.occurrences(of: needle, in: state.output) >= count { return .success(()) }
                    if state.exited { return .failure(Failure(description: "muninn exited before writing \(needle):\n\(state.output.suffix(4000))")) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters.append(Waiter(id: id, needle: needle, count: count, continuation: continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: { [shared] in
            let waiter: Waiter? = shared.state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// SIGKILL: no handler runs, nothing is flushed or drained. Returns once the process has ended.
    @discardableResult
    func kill9() async -> Int32 {
        await child.kill9()
    }

    /// SIGTERM without waiting, so a test can watch what the process does while it shuts down.
    func sendTerminate() {
        child.send(SIGTERM)
    }

    /// Suspends until the process has ended; its exit status. Holds no thread meanwhile.
    func exited() async -> Int32 {
        await child.exited()
    }

    /// SIGTERM, then ``exited()``: the graceful shutdown a pod gets (SIGKILL if it takes longer than `grace`, so a
    /// stuck process cannot hang the test run).
    @discardableResult
    func stop(grace: Duration = .seconds(30)) async -> Int32 {
        await child.stop(grace: grace)
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
