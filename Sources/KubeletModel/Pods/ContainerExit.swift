/// How a container instance ends: what the runtime reports in `state.terminated`, and what the
/// process wrote last before it died.
public struct ContainerExit: Sendable, Equatable {
    public var exitCode: Int
    /// `Error`, `OOMKilled`, `Completed`, `StartError`, `ContainerCannotRun`.
    public var reason: String
    public var signal: Int?
    /// `terminated.message` (the termination-log file, or the runtime's error for StartError).
    public var message: String?
    public var lastWords: LastWords

    public init(exitCode: Int, reason: String, signal: Int? = nil, message: String? = nil, lastWords: LastWords = .stackTrace) {
        self.exitCode = exitCode
        self.reason = reason
        self.signal = signal
        self.message = message
        self.lastWords = lastWords
    }

    /// A process that exits non-zero, e.g. an unhandled exception.
    public static func error(exitCode: Int = 1, lastWords: LastWords = .stackTrace) -> ContainerExit {
        ContainerExit(exitCode: exitCode, reason: "Error", lastWords: lastWords)
    }

    /// Killed by the kernel for exceeding its memory limit.
    public static let oomKilled = ContainerExit(exitCode: 137, reason: "OOMKilled", lastWords: .killed)

    /// A clean exit.
    public static let completed = ContainerExit(exitCode: 0, reason: "Completed", lastWords: .none)

    /// containerd could not start the process (exit 128, `startedAt` at the epoch).
    public static let startError = ContainerExit(
        exitCode: 128, reason: "StartError",
        message: "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/app/server\": stat /app/server: no such file or directory: unknown",
        lastWords: .none)

    /// Whether the kubelet treats the exit as a failure (restart policy OnFailure, Job outcome).
    public var isFailure: Bool { exitCode != 0 || reason != "Completed" }
}

/// The last lines a dying process leaves in its log.
public enum LastWords: String, Sendable, CaseIterable {
    /// A Python traceback.
    case stackTrace
    /// A Go `panic:` with goroutine dump.
    case panic
    /// `java.lang.OutOfMemoryError` and a JVM stack.
    case javaOutOfMemory
    /// Nothing after normal output but the shell's `Killed` (SIGKILL by the OOM killer).
    case killed
    /// Non-ASCII text, control characters and a very long line, to test log handling.
    case hostile
    /// No last words.
    case none
}
