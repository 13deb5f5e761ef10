/// Plain words for a container's exit code, with what it usually means in Kubernetes. Builds on
/// `ExitCodeDescription` and adds the codes people ask about most (1, 137, 143, 255).
public enum ExitCodeMeaning {
    /// Nil for a clean exit or an exit code without a common meaning.
    public static func describe(exitCode: Int?, signal: Int? = nil, reason: String? = nil) -> String? {
        guard let exitCode else { return nil }
        if reason == "OOMKilled" { return "killed by SIGKILL: the container exceeded its memory limit (OOM killer)" }
        if let signal, signal > 0 { return ExitCodeDescription.explain(exitCode: exitCode, signal: signal) }
        switch exitCode {
        case 0: return nil
        case 1: return "the application exited with an error"
        case 126: return "command cannot be executed (not executable or permission denied)"
        case 127: return "command not found (check the image's entrypoint and command)"
        case 137: return "killed by SIGKILL (often the OOM killer, or a stop that exceeded the grace period)"
        case 143: return "terminated by SIGTERM (asked to stop, e.g. a deletion, rollout or failed liveness probe)"
        case 255: return "exited with status 255 (often exit(-1) or a fatal runtime error)"
        default: return ExitCodeDescription.explain(exitCode: exitCode)
        }
    }
}
