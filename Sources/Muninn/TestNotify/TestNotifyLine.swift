import MuninnCore

/// The line `muninn test-notify` prints for one destination:
/// `ok  slack-ops  #alerts  message 1712345678.000100 (log uploaded as file F123)` or
/// `FAIL  dingtalk  permanent failure: DingTalk errcode 300005: token is not exist (unknown robot token)`.
struct TestNotifyLine: Equatable {
    var succeeded: Bool
    var text: String

    static func sent(_ target: TestNotifyTarget, receipt: DeliveryReceipt) -> TestNotifyLine {
        var detail = receipt.messageID.map { "message \($0)" } ?? "sent"
        if let note = receipt.note, !note.isEmpty { detail += " (\(note))" }
        return TestNotifyLine(succeeded: true, text: (["ok"] + place(target) + [detail]).joined(separator: "  "))
    }

    static func failed(_ target: TestNotifyTarget, error: NotifierError) -> TestNotifyLine {
        failed(target, reason: error.description + (hint(for: error).map { " (\($0))" } ?? ""))
    }

    static func failed(_ target: TestNotifyTarget, reason: String) -> TestNotifyLine {
        TestNotifyLine(succeeded: false, text: (["FAIL"] + place(target) + [reason]).joined(separator: "  "))
    }

    private static func place(_ target: TestNotifyTarget) -> [String] {
        [target.destination] + (target.channel.map { [$0] } ?? [])
    }

    /// What to look at, when the notifier's classification did not already say it (its hints end the reason
    /// in parentheses).
    static func hint(for error: NotifierError) -> String? {
        switch error {
        case .retryable:
            return "`muninn run` would retry this; if it persists, check the destination's URL and the network"
        case .permanent(let reason):
            guard !reason.hasSuffix(")") else { return nil }
            if reason.contains("HTTP 401") || reason.contains("HTTP 403") { return "check the destination's credentials: token, URL or signing secret" }
            if reason.contains("HTTP 404") || reason.contains("HTTP 410") { return "check the destination's URL" }
            return nil
        }
    }
}
