/// What an exit code means to a person: 137 is "killed by SIGKILL (often the OOM killer ...)",
/// 143 "terminated by SIGTERM", 127 "command not found".
public enum ExitCodeDescription {
    private static let signalNames: [Int: String] = [
        1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE",
        9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
    ]

    /// The signal name for a signal number, e.g. 9 → SIGKILL.
    public static func signalName(_ signal: Int) -> String {
        signalNames[signal] ?? "signal \(signal)"
    }

    /// Plain words for an exit code, or nil for a clean exit or a code without a common meaning.
    /// The reason wins over the number: OOMKilled has been seen with exit codes 0, 1 and 143.
    public static func explain(exitCode: Int?, signal: Int? = nil, reason: String? = nil) -> String? {
        guard let exitCode else { return nil }
        if reason == "OOMKilled" { return "killed by SIGKILL: the container exceeded its memory limit (OOM killer)" }
        if let signal, signal > 0 { return "killed by \(signalName(signal))" }
        switch exitCode {
        case 0: return nil
        case 1: return "the application exited with an error"
        case 126: return "command cannot be executed (not executable or permission denied)"
        case 127: return "command not found (check the image's entrypoint and command)"
        case 137: return "killed by SIGKILL (often the OOM killer, or a stop that exceeded the grace period)"
        case 143: return "terminated by SIGTERM (asked to stop, e.g. a deletion, rollout or failed liveness probe)"
        case 255: return "exited with status 255 (often exit(-1) or a fatal runtime error)"
        case 128 + 1...128 + 64: return "killed by \(signalName(exitCode - 128))"
        default: return nil
        }
    }
}
