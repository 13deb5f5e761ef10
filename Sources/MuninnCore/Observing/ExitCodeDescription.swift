/// What an exit code means to a person: 137 is "killed by SIGKILL", 143 "terminated by SIGTERM".
public enum ExitCodeDescription {
    private static let signalNames: [Int: String] = [
        1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE",
        9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
    ]

    /// The signal name for a signal number, e.g. 9 → SIGKILL.
    public static func signalName(_ signal: Int) -> String {
        signalNames[signal] ?? "signal \(signal)"
    }

    /// A short explanation of an exit code, or nil when there is nothing to add.
    public static func explain(exitCode: Int, signal: Int? = nil) -> String? {
        if let signal, signal > 0 { return "killed by \(signalName(signal))" }
        switch exitCode {
        case 0: return nil
        case 126: return "command cannot be executed"
        case 127: return "command not found"
        case 128 + 1...128 + 64: return "killed by \(signalName(exitCode - 128))"
        default: return nil
        }
    }
}
