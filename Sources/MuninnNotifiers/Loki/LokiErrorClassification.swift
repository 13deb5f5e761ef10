import Foundation
import MuninnCore

/// Reads Loki's answers to a push: 204 (any 2xx but 260) is success; 429 (`rate_limited`, `stream_limit`), 408 and
/// 5xx are worth retrying; 400 (line too long, timestamp too old or too far ahead, bad labels) and the other 4xx
/// are not. 260 is the code Loki answers while an administrator blocks ingestion (`block_ingestion_until`): nothing
/// was stored, so it is retried later.
enum LokiErrorClassification {
    static let blockedIngestionStatus = 260

    static func error(for answer: HTTPAnswer, host: String, now: Date) -> NotifierError? {
        let detail = PlainText.clipped(PlainText.singleLine(answer.bodyText), to: 300)
        let reason = "Loki at \(host) answered HTTP \(answer.status)" + (detail.isEmpty ? "" : ": \(detail)")
        switch answer.status {
        case blockedIngestionStatus:
            return .retryable(reason: reason + " (ingestion is blocked for this tenant)", retryAfter: RetryAfter.parse(answer.headers, now: now))
        case 200..<300: return nil
        case 408, 429, 500..<600: return .retryable(reason: reason, retryAfter: RetryAfter.parse(answer.headers, now: now))
        case 401, 403: return .permanent(reason: reason + " (check the credentials and the tenant)")
        case 404: return .permanent(reason: reason + " (check the URL: the push path /loki/api/v1/push is added to it)")
        default: return .permanent(reason: reason)
        }
    }
}
