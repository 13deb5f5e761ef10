import Foundation
import KubeJSON
import MuninnCore

/// Reads Elasticsearch's (and OpenSearch's) answers to `_bulk` and `_index_template`.
///
/// A bulk request is answered HTTP 200 even when documents were refused: `errors` and then each item's `status`
/// decide. Items with 429 (`es_rejected_execution_exception`, OpenSearch `rejected_execution_exception`) or 5xx are
/// worth retrying; other 4xx items (`mapper_parsing_exception`, `document_parsing_exception`, ...) are final, with
/// the reason. For the request as a whole: 408, 429 and 5xx are retryable (after `Retry-After` when sent), 401 and
/// 403 (credentials, privileges), 404 and 413 are not.
enum ElasticsearchErrorClassification {
    /// What the bulk answer said about each document, in request order.
    struct ItemOutcome: Equatable {
        var status: Int
        /// `created`, `updated`, ...
        var result: String?
        var error: String?
    }

    /// The item outcomes of a successful HTTP answer, or the error for the whole request.
    static func bulkItems(_ answer: HTTPAnswer, expected count: Int, host: String, now: Date) throws(NotifierError) -> [ItemOutcome] {
        if let error = requestError(answer, service: "Elasticsearch at \(host)", now: now) { throw error }
        guard let body = try? JSONValue(parsing: answer.body), let items = body["items"]?.arrayValue else {
            throw .retryable(reason: "Elasticsearch at \(host) answered HTTP \(answer.status) without bulk items (a proxy?)", retryAfter: nil)
        }
        guard items.count == count else {
            throw .retryable(reason: "Elasticsearch at \(host) answered \(items.count) bulk items for \(count) documents", retryAfter: nil)
        }
        return items.map { item in
            // Each item is an object with one key, the action: {"index": {...}}.
            let result = item.objectValue?.members.first?.value ?? .null
            let status = Int(result["status"]?.intValue ?? 0)
            return ItemOutcome(status: status, result: result["result"]?.stringValue, error: result["error"].map(describe))
        }
    }

    /// The error for one refused document, nil when it was stored. A 409 conflict means the document is already
    /// there (only `create` answers it; kept as success in case the action changes).
    static func itemError(_ item: ItemOutcome, index: String) -> NotifierError? {
        switch item.status {
        case 200..<300, 409: return nil
        case 429:
            return .retryable(reason: "Elasticsearch is overloaded and refused the document for \(index): \(item.error ?? "HTTP 429")", retryAfter: nil)
        case 500..<600:
            return .retryable(reason: "Elasticsearch failed to store the document for \(index) (HTTP \(item.status)): \(item.error ?? "no reason")", retryAfter: nil)
        default:
            return .permanent(reason: "Elasticsearch rejected the document for \(index) (HTTP \(item.status)): \(item.error ?? "no reason")")
        }
    }

    /// The error for an answer whose status is not 2xx, nil for 2xx.
    static func requestError(_ answer: HTTPAnswer, service: String, now: Date) -> NotifierError? {
        if answer.isSuccess { return nil }
        let detail = errorDetail(answer)
        let reason = "\(service) answered HTTP \(answer.status)" + (detail.isEmpty ? "" : ": \(detail)")
        switch answer.status {
        case 408, 429, 500..<600:
            return .retryable(reason: reason, retryAfter: RetryAfter.parse(answer.headers, now: now))
        case 401:
            return .permanent(reason: reason + " (check username and password, or the API key)")
        case 403:
            return .permanent(reason: reason + " (the user lacks a privilege: index and create_index on the indices, manage_index_templates for the template)")
        case 404:
            return .permanent(reason: reason + " (check the URL)")
        case 413:
            return .permanent(reason: reason + " (the document is larger than http.max_content_length: lower maximumLogBytes)")
        default:
            return .permanent(reason: reason)
        }
    }

    /// `type: reason` of Elasticsearch's error object (`{"error":{"type":…,"reason":…},"status":…}`), else the body's start.
    private static func errorDetail(_ answer: HTTPAnswer) -> String {
        if let body = try? JSONValue(parsing: answer.body), let error = body["error"] { return describe(error) }
        return PlainText.clipped(PlainText.singleLine(answer.bodyText), to: 200)
    }

    private static func describe(_ error: JSONValue) -> String {
        if let text = error.stringValue { return PlainText.clipped(PlainText.singleLine(text), to: 300) }
        let type = error["type"]?.stringValue
        let reason = error["reason"]?.stringValue
        var text = [type, reason].compactMap { $0 }.joined(separator: ": ")
        if let cause = error["caused_by"], let causeReason = cause["reason"]?.stringValue {
            text += " (caused by \(cause["type"]?.stringValue ?? "error"): \(causeReason))"
        }
        return PlainText.clipped(PlainText.singleLine(text.isEmpty ? error.serializedString() : text), to: 300)
    }
}
