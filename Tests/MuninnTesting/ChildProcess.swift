import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A started child process whose end is awaited without holding a thread.
///
/// `Process.waitUntilExit()` (and reading a pipe to its end) blocks the calling thread, and a test runs on one of
/// the cooperative pool's threads: two on these machines. Two tests blocked that way stop every other test of the
/// run, including the in-process servers the child may be talking to. Here the exit arrives through
/// `terminationHandler` (called on a Foundation thread of its own) and resumes whoever awaits it.
public final class ChildProcess: Sendable {
    private struct State {
        var status: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    /// Shared with the termination handler.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    /// The process; configure nothing on it after the start.
    public let process: Process
    private let shared = Shared()

    /// Starts `process` (configured, not yet running). Its `terminationHandler` belongs to this type.
    public init(starting process: Process) throws {
        self.process = process
        let shared = shared
        process.terminationHandler = { process in
            let status = process.terminationStatus
            let waiters = shared.state.withLock { state in
                state.status = status
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: status) }
        }
        try process.run()
    }

    public var processIdentifier: Int32 { process.processIdentifier }

    /// True until the exit has been seen.
    public var isRunning: Bool { shared.state.withLock { $0.status == nil } }

    /// Suspends until the process has ended; its exit status (the signal number when a signal ended it).
    ///
    /// Cancelling the wait kills the process (SIGKILL) and still waits for its end: a test that is cancelled (its
    /// time limit passed, a sibling task failed) leaves no child behind and no wait that never returns.
    public func exited() async -> Int32 {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
                let status: Int32? = shared.state.withLock { state in
                    if state.status == nil { state.waiters.append(continuation) }
                    return state.status
                }
                if let status { continuation.resume(returning: status) }
            }
        } onCancel: {
            send(SIGKILL)
        }
    }

    /// Sends `signal` unless the process has already ended.
    public func send(_ signal: Int32) {
        guard isRunning else { return }
        kill(process.processIdentifier, signal)
    }

    /// SIGTERM, then SIGKILL if the process is still running after `grace`; its exit status.
    /// The grace period bounds a cleanup, so a process that ignores SIGTERM cannot hang a test.
    @discardableResult
    public func stop(grace: Duration = .seconds(30)) async -> Int32 {
        send(SIGTERM)
        return await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await self.exited() }
            group.addTask {
                // try?: a cancelled grace period ends like an expired one, with SIGKILL.
                try? await Task.sleep(for: grace)
                return nil
            }
            var status: Int32?
            while status == nil, let next = await group.next() {
                if let next { status = next } else { self.send(SIGKILL) }
            }
            group.cancelAll()
            if let status { return status }
            return await exited()
        }
    }

    /// SIGKILL, then the exit: no handler of the child runs.
    @discardableResult
    public func kill9() async -> Int32 {
        send(SIGKILL)
        return await exited()
    }

    /// Starts `process` and suspends until it ends; its exit status.
    public static func run(_ process: Process) async throws -> Int32 {
        try await ChildProcess(starting: process).exited()
    }
}
