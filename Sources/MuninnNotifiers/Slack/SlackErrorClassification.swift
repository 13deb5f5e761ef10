import KubeJSON
import MuninnCore

/// Which Slack `error` codes are worth retrying (APIS.md §1.1 and §6); every other code needs a
/// person: token problems (`invalid_auth`, `not_authed`, `account_inactive`, `token_revoked`,
/// `token_expired`), channels (`channel_not_found`, `not_in_channel`, `is_archived`), workspace
/// policy (`restricted_action*`) and malformed messages (`invalid_blocks`, `msg_too_long`, ...).
enum SlackErrorClassification {
    static let retryableCodes: Set<String> = [
        "ratelimited", "rate_limited", "service_unavailable", "internal_error", "request_timeout", "fatal_error",
    ]

    static func error(code: String, method: String, answer: JSONValue, retryAfter: Duration?) -> NotifierError {
        let safeCode = PlainText.clipped(PlainText.singleLine(code), to: 100)
        if retryableCodes.contains(code) {
            // Slack documents fatal_error as "some aspect may have succeeded": a retry can duplicate.
            let note = code == "fatal_error" ? " (the message may have been posted already)" : ""
            return .retryable(reason: "Slack \(method): \(safeCode)\(note)", retryAfter: retryAfter)
        }
        var reason = "Slack \(method): \(safeCode)"
        switch code {
        case "not_in_channel": reason += " (invite the app to the channel or grant it chat:write.public)"
        case "channel_not_found": reason += " (unknown channel, or a private channel the app is not in)"
        case "missing_scope":
            if let needed = answer["needed"]?.stringValue { reason += " (needs \(PlainText.clipped(PlainText.singleLine(needed), to: 100)))" }
        case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "not_allowed_token_type":
            reason += " (check the bot token)"
        case "is_archived": reason += " (the channel is archived: route this alert elsewhere)"
        case "invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "msg_too_long", "no_text", "invalid_arguments":
            reason += " (Slack rejected the message itself; please report this as a Muninn bug)"
        case "message_limit_exceeded": reason += " (the workspace reached its plan's message limit)"
        default: break
        }
        return .permanent(reason: reason)
    }
}
