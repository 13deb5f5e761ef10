import MuninnCore
import Foundation

/// The usual reading of an HTTP status for services whose status is the whole answer.
enum StatusClassification {
    /// nil for 2xx; 408, 429 and 5xx are worth retrying (after `Retry-After` when given), the rest
    /// (3xx, other 4xx) is not.
    static func error(for answer: HTTPAnswer, service: String, now: Date) -> NotifierError? {
        if answer.isSuccess { return nil }
        let detail = PlainText.clipped(PlainText.singleLine(answer.bodyText), to: 200)
        let reason = "\(service) answered HTTP \(answer.status)" + (detail.isEmpty ? "" : ": \(detail)")
        if answer.status == 408 || answer.status == 429 || (500..<600).contains(answer.status) {
            return .retryable(reason: reason, retryAfter: RetryAfter.parse(answer.headers, now: now))
        }
        return .permanent(reason: reason)
    }
}
