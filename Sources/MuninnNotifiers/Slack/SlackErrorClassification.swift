import KubeJSON
import MuninnCore

/// Which Slack `error` codes are worth retrying (APIS.md §6); every other code needs a person.
enum SlackErrorClassification {
    static let retryableCodes: Set<String> = [
        "ratelimited", "rate_limited", "service_unavailable", "internal_error", "request_timeout", "fatal_error",
    ]

    static func error(code: String, method: String, answer: JSONValue, retryAfter: Duration?) -> NotifierError {
        let safeCode = PlainText.clipped(PlainText.singleLine(code), to: 100)
        if retryableCodes.contains(code) {
            return .retryable(reason: "Slack \(method): \(safeCode)", retryAfter: retryAfter)
        }
        var reason = "Slack \(method): \(safeCode)"
        switch code {
        case "not_in_channel": reason += " (invite the app to the channel or grant it chat:write.public)"
        case "channel_not_found": reason += " (unknown channel, or a private channel the app is not in)"
        case "missing_scope":
            if let needed = answer["needed"]?.stringValue { reason += " (needs \(PlainText.clipped(PlainText.singleLine(needed), to: 100)))" }
        case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive": reason += " (check the bot token)"
        default: break
        }
        return .permanent(reason: reason)
    }
}
