import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Posts alerts as embeds to a Discord webhook, with `?wait=true` so that Discord reports a message
/// it did not save and returns the message id.
///
/// 429 carries `retry_after` (float seconds) in the JSON body and `Retry-After`; both are honoured.
/// 5xx and 408 are retryable; 400 (`50035` invalid form body, `50006` empty), 401/403 and 404
/// (`10015` unknown webhook) are not. Webhooks cannot reply to a message: a repeat is a full embed
/// headed "Crashed again".
///
/// ```swift
/// let discord = DiscordNotifier(name: "discord", configuration: DiscordConfiguration(url: hookURL))
/// let receipt = try await discord.send(alert, to: DeliveryTarget(), logger: logger)  // receipt.messageID: the message id
/// ```
public struct DiscordNotifier: Notifier {
    public let name: String
    public let configuration: DiscordConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date

    public init(
        name: String, configuration: DiscordConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout)
        self.now = now
    }

    /// Discord publishes no fixed webhook limit (it sends buckets in headers); webhooks are commonly held to
    /// about 30 messages a minute per channel, so one every two seconds stays clear of 429s.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .seconds(2)) }

    /// The URL with `wait=true` (and `thread_id` when configured) added to its query.
    var postURL: String {
        var url = configuration.url
        var query = ["wait=true"]
        if let thread = configuration.threadID, !thread.isEmpty { query.append("thread_id=" + FormEncoding.percentEncoded(thread)) }
        url += (url.contains("?") ? "&" : "?") + query.joined(separator: "&")
        return url
    }

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let safe = alert.redacted(with: redactor)
        let body =
            DiscordEmbed.templated(safe, configuration: configuration, repeated: target.threadID != nil)
            ?? DiscordEmbed(alert: safe, configuration: configuration, repeated: target.threadID != nil).body
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        let answer = try await http.post(postURL, headers: headers, body: body.serialized(), logger: logger)
        let json = try? JSONValue(parsing: answer.body)
        switch answer.status {
        case 200:
            guard let id = json?["id"]?.stringValue else { throw .retryable(reason: "Discord: answer without a message id", retryAfter: nil) }
            return DeliveryReceipt(messageID: id, channel: json?["channel_id"]?.stringValue)
        case 204:
            return DeliveryReceipt()
        case 429:
            let seconds = json?["retry_after"]?.doubleValue
            let wait = seconds.map { Duration.milliseconds(Int64(($0 * 1000).rounded(.up))) } ?? RetryAfter.parse(answer.headers, now: now())
            let global = json?["global"]?.boolValue == true ? " (global limit)" : ""
            throw .retryable(reason: "Discord answered HTTP 429: " + Self.detail(json, answer) + global, retryAfter: wait)
        case 408, 500..<600:
            throw .retryable(reason: "Discord answered HTTP \(answer.status)" + Self.suffix(json, answer), retryAfter: RetryAfter.parse(answer.headers, now: now()))
        default:
            let code = json?["code"]?.intValue
            var reason = "Discord answered HTTP \(answer.status)" + Self.suffix(json, answer)
            if code == 10015 || answer.status == 404 { reason += " (the webhook was deleted: create a new one and update the URL)" }
            if code == 50027 || answer.status == 401 { reason += " (the webhook token in the URL is wrong)" }
            throw .permanent(reason: reason)
        }
    }

    private static func suffix(_ json: JSONValue?, _ answer: HTTPAnswer) -> String {
        let detail = detail(json, answer)
        return detail.isEmpty ? "" : ": " + detail
    }

    /// `50035 Invalid Form Body (embeds.0.description: Must be 4096 or fewer in length.)`.
    private static func detail(_ json: JSONValue?, _ answer: HTTPAnswer) -> String {
        guard let json, let message = json["message"]?.stringValue else {
            return PlainText.clipped(PlainText.singleLine(answer.bodyText), to: 200)
        }
        var text = json["code"]?.intValue.map { "\($0) \(message)" } ?? message
        let errors = fieldErrors(json["errors"], path: [])
        if !errors.isEmpty { text += " (" + errors.prefix(3).joined(separator: "; ") + ")" }
        return PlainText.clipped(PlainText.singleLine(text), to: 400)
    }

    /// Discord nests `_errors` under the path of the field that failed.
    private static func fieldErrors(_ value: JSONValue?, path: [String]) -> [String] {
        guard let object = value?.objectValue else { return [] }
        var result: [String] = []
        for (key, member) in object {
            if key == "_errors" {
                let messages = (member.arrayValue ?? []).compactMap { $0["message"]?.stringValue }
                result.append(path.joined(separator: ".") + ": " + messages.joined(separator: ", "))
            } else {
                result += fieldErrors(member, path: path + [key])
            }
        }
        return result
    }
}
