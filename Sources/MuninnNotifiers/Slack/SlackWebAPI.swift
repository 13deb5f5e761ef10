import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Calls Slack Web API methods and turns their answers into results or classified errors.
///
/// Slack answers HTTP 200 with `{"ok":false,"error":...}` when it rejects a call, so the body
/// decides; 429 carries `Retry-After`.
struct SlackWebAPI: Sendable {
    let http: NotifierHTTP
    let token: String
    let apiURL: String
    let now: @Sendable () -> Date

    /// A method with a JSON body (the token must then be in the Authorization header).
    /// - Parameter tolerated: `error` codes returned as an `ok:false` answer instead of thrown, for
    ///   callers that have a fallback.
    func call(_ method: String, json: JSONValue, tolerating tolerated: Set<String> = [], logger: Logger) async throws(NotifierError) -> JSONValue {
        var headers = authorization
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let answer = try await http.post("\(apiURL)/\(method)", headers: headers, body: json.serialized(), logger: logger)
        return try interpret(answer, method: method, tolerating: tolerated)
    }

    /// A method with a form body: files.getUploadURLExternal is reported to reject JSON.
    func call(_ method: String, form: [(String, String)], logger: Logger) async throws(NotifierError) -> JSONValue {
        var headers = authorization
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let answer = try await http.post("\(apiURL)/\(method)", headers: headers, body: Array(FormEncoding.encode(form).utf8), logger: logger)
        return try interpret(answer, method: method)
    }

    private var authorization: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token)")
        return headers
    }

    private func interpret(_ answer: HTTPAnswer, method: String, tolerating tolerated: Set<String> = []) throws(NotifierError) -> JSONValue {
        let json = try? JSONValue(parsing: answer.body)
        if answer.status == 429 {
            throw .retryable(reason: "Slack \(method): rate limited (HTTP 429)", retryAfter: RetryAfter.parse(answer.headers, now: now()))
        }
        // 408 comes from proxies in front of Slack; like 5xx it says nothing about the request itself.
        if answer.status == 408 || (500..<600).contains(answer.status) {
            throw .retryable(reason: "Slack \(method): HTTP \(answer.status)", retryAfter: RetryAfter.parse(answer.headers, now: now()))
        }
        guard answer.status == 200 else {
            throw .permanent(reason: "Slack \(method): HTTP \(answer.status)")
        }
        guard let json, let ok = json["ok"]?.boolValue else {
            throw .retryable(reason: "Slack \(method): answer is not a Web API result", retryAfter: nil)
        }
        if ok { return json }
        let code = json["error"]?.stringValue ?? "unknown_error"
        if tolerated.contains(code) { return json }
        throw SlackErrorClassification.error(code: code, method: method, answer: json, retryAfter: RetryAfter.parse(answer.headers, now: now()))
    }
}
