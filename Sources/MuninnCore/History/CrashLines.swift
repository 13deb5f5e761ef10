/// Finds the log lines that most likely say why a container died (a Go panic, a Java or Python exception,
/// a fatal error), so the CLI and the dashboard can point at them in a long log.
public enum CrashLines {
    /// Case-sensitive markers: the spellings runtimes actually print, few enough to avoid marking every line.
    private static let markers = [
        "panic:", "fatal error:", "Exception", "Error:", "Traceback (most recent call last)", "Caused by:", "FATAL", "CRITICAL",
        "Segmentation fault", "segmentation fault", "SIGSEGV", "SIGABRT", "OutOfMemory", "out of memory", "core dumped",
        "[running]:", "Unhandled", "uncaught",
    ]

    /// Whether `line` looks like part of a crash report.
    public static func isCrashLine(_ line: some StringProtocol) -> Bool {
        markers.contains { line.contains($0) }
    }

    /// The indices of the crash lines in `log` split on newlines.
    public static func indices(in log: String) -> Set<Int> {
        var found = Set<Int>()
        for (index, line) in log.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where isCrashLine(line) {
            found.insert(index)
        }
        return found
    }
}
