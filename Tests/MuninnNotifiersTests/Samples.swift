import Foundation
import Logging
import MuninnCore

/// Alerts and helpers shared by the tests.
enum Samples {
    static let occurredAt = Date(timeIntervalSince1970: 1_760_000_000)

    static var logger: Logger {
        var logger = Logger(label: "notifier-tests")
        logger.logLevel = .critical
        return logger
    }

    static let crashLog = (1...40).map { "2025-10-09T08:53:\(String(format: "%02d", $0 % 60))Z INFO handled request \($0)" }.joined(separator: "\n")
        + "\npanic: runtime error: invalid memory address or nil pointer dereference\n"

    static func crash(logs: String? = crashLog) -> Alert {
        Alert(
            id: "uid-1234/api/containerd://abc", kind: .crashed, cluster: "prod-eu", namespace: "payments", pod: "api-7f9c",
            container: "api", node: "node-a", workload: .init(kind: "Deployment", name: "api"), image: "registry.example/api:1.4.2",
            reason: "OOMKilled", exitCode: 137, signal: nil, exitCodeMeaning: "killed by SIGKILL (often the OOM killer)", message: nil,
            restartCount: 8, restartsSeen: 3, occurredAt: occurredAt, logs: logs, logsUnavailableReason: nil,
            events: ["BackOff: Back-off restarting failed container api", "OOMKilling: Memory cgroup out of memory"])
    }

    /// Every field carries something that would ping, link, format or break a message.
    static func hostile() -> Alert {
        var alert = crash()
        alert.pod = "api-<!channel>"
        alert.container = "c`<@U123>`"
        alert.reason = "*bold* _it_ <https://evil.example|click>"
        alert.message = "boom <!here> @here @channel &amp; ``` closed? **x** # heading\u{7}\u{1B}[31m"
        alert.events = ["Warning: <!everyone> [link](https://evil.example)"]
        alert.logs = "line 1\n<!channel> deploy failed <@U123>\n```\nnot code anymore\n```\n@all @13800000000 <https://evil.example|click>\n- list?\n# heading?\nlast line\u{0}\u{202E}"
        return alert
    }
}
