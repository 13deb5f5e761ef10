import Foundation
import MuninnCore

/// The Pod Monitor's `termination_state`: client-go's `%v` dump of `lastState.terminated`, or `Not Available`, so
/// saved searches and dashboards built on the old text keep matching.
///
/// `&ContainerStateTerminated{ExitCode:137,Signal:0,Reason:OOMKilled,Message:,StartedAt:2025-10-09 08:50:00 +0000 UTC,FinishedAt:2025-10-09 08:53:20 +0000 UTC,ContainerID:containerd://abc,}`
enum TerminationStateText {
    static let notAvailable = "Not Available"

    static func text(for alert: Alert) -> String {
        guard alert.kind == .crashed, let exitCode = alert.exitCode else { return notAvailable }
        let fields = [
            "ExitCode:\(exitCode)",
            "Signal:\(alert.signal ?? 0)",
            "Reason:\(alert.reason ?? "")",
            "Message:\(alert.message ?? "")",
            "StartedAt:\(goTime(alert.startedAt))",
            "FinishedAt:\(goTime(alert.occurredAt))",
            "ContainerID:\(alert.containerID ?? "")",
        ]
        return "&ContainerStateTerminated{" + fields.map { $0 + "," }.joined() + "}"
    }

    /// Go's `time.Time.String()` in UTC (`2006-01-02 15:04:05.999999999 -0700 MST`); Go's zero time for nil.
    static func goTime(_ date: Date?) -> String {
        guard let date else { return "0001-01-01 00:00:00 +0000 UTC" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var text = String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 1, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0)
        let seconds = date.timeIntervalSince1970
        // Kubernetes times are whole seconds; milliseconds are as far as a Double here is exact.
        let nanoseconds = Int(((seconds - seconds.rounded(.down)) * 1000).rounded()) * 1_000_000
        if nanoseconds > 0, nanoseconds < 1_000_000_000 {
            var fraction = String(format: "%09d", nanoseconds)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + " +0000 UTC"
    }
}
