import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Sends alerts with the Telegram Bot API's sendMessage (HTML parse mode), into a forum topic when
/// `messageThreadID` is set. A repeat of a crash loop is a reply to the first message
/// (`reply_parameters`, still sent when that message was deleted).
///
/// Answers: `ok: true` is success (the receipt's `messageID` is the `message_id`); 429 is retryable
/// after `parameters.retry_after`; 5xx and 408 are retryable; 400 (`chat not found`, `can't parse
/// entities`), 401 (bad token) and 403 (bot blocked or not in the chat) are not.
///
/// ```swift
/// let telegram = TelegramNotifier(name: "telegram", configuration: TelegramConfiguration(token: token, chatID: "-1001234567890"))
/// let first = try await telegram.send(alert, to: DeliveryTarget(), logger: logger)
/// try await telegram.send(next, to: DeliveryTarget(threadID: first.threadParentID), logger: logger)  // a reply
/// ```
public struct TelegramNotifier: Notifier {
    public let name: String
    public let configuration: TelegramConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date

    public init(
        name: String, configuration: TelegramConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout, tls: configuration.tls)
        self.now = now
    }

    /// About one message a second per chat, and at most 20 a minute in a group: one every three seconds.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .seconds(3)) }

    var url: String {
        let base = configuration.apiURL.hasSuffix("/") ? String(configuration.apiURL.dropLast()) : configuration.apiURL
        return base + "/bot" + configuration.token + "/sendMessage"
    }

    func body(_ alert: Alert, replyTo: String?) -> JSONValue {
        let text =
            TelegramMessage.templated(alert, configuration: configuration, repeated: replyTo != nil)
            ?? TelegramMessage(alert: alert, logLines: configuration.logLines, repeated: replyTo != nil).text.html
        var body: JSONValue = [
            "chat_id": Int64(configuration.chatID).map(JSONValue.int) ?? .string(configuration.chatID),
            "text": .string(text), "parse_mode": "HTML", "link_preview_options": ["is_disabled": true],
        ]
        if let thread = configuration.messageThreadID { body["message_thread_id"] = .int(thread) }
        if configuration.disableNotification { body["disable_notification"] = true }
        if let replyTo, let id = Int64(replyTo) {
            body["reply_parameters"] = ["message_id": .int(id), "allow_sending_without_reply": true]
        }
        return body
    }

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let body = body(alert.redacted(with: redactor), replyTo: target.threadID)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        let answer = try await http.post(url, headers: headers, body: body.serialized(), logger: logger)
        guard let json = try? JSONValue(parsing: answer.body), let ok = json["ok"]?.boolValue else {
            if let error = StatusClassification.error(for: answer, service: "Telegram", now: now()) { throw error }
            throw .retryable(reason: "Telegram: answer without ok", retryAfter: nil)
        }
        if ok {
            let id = json[path: ["result", "message_id"]]?.intValue.map(String.init)
            return DeliveryReceipt(messageID: id, channel: configuration.chatID, threadID: target.threadID)
        }
        throw Self.classify(json, status: answer.status)
    }

    static func classify(_ json: JSONValue, status: Int) -> NotifierError {
        let code = json["error_code"]?.intValue.map(Int.init) ?? status
        let description = PlainText.clipped(PlainText.singleLine(json["description"]?.stringValue ?? "(no description)"), to: 300)
        let reason = "Telegram error \(code): \(description)"
        if let retryAfter = json[path: ["parameters", "retry_after"]]?.intValue {
            return .retryable(reason: reason, retryAfter: .seconds(retryAfter))
        }
        if let newChat = json[path: ["parameters", "migrate_to_chat_id"]]?.intValue {
            return .permanent(reason: reason + " (the group became a supergroup: set chatID to \(newChat))")
        }
        switch code {
        case 429: return .retryable(reason: reason, retryAfter: nil)
        case 408, 500..<600: return .retryable(reason: reason, retryAfter: nil)
        case 401, 404: return .permanent(reason: reason + " (check the bot token)")
        case 403: return .permanent(reason: reason + " (add the bot to the chat, or unblock it)")
        default: return .permanent(reason: reason)
        }
    }
}
