import AsyncHTTPClient
import Crypto
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Posts alerts as cards to a Google Chat space's incoming webhook. With `threads` on, each alert
/// carries a `thread.threadKey` (`messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`): a first
/// alert starts a thread keyed by its own id, and later alerts of the crash loop (a target with
/// `threadID`) reply in it.
///
/// Success is 200 with the message. Errors are Google API errors: 429 (`RESOURCE_EXHAUSTED`),
/// 408 and 5xx are retryable; 400, 401, 403 and 404 are not.
///
/// ```swift
/// let chat = GoogleChatNotifier(name: "gchat", configuration: GoogleChatConfiguration(url: webhookURL))
/// let first = try await chat.send(alert, to: DeliveryTarget(), logger: logger)
/// try await chat.send(next, to: DeliveryTarget(threadID: first.threadParentID), logger: logger)  // same thread
/// ```
public struct GoogleChatNotifier: Notifier {
    public let name: String
    public let configuration: GoogleChatConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date

    public init(
        name: String, configuration: GoogleChatConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout)
        self.now = now
    }

    /// Webhooks of a space are limited to about one message a second.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .seconds(1)) }

    /// `muninn-` and 24 hex digits of the alert id's hash: threadKey allows letters, digits, `-` and `_`.
    static func threadKey(for alert: Alert) -> String {
        "muninn-" + LowercaseHex.text(SHA256.hash(data: Array(alert.id.utf8)).prefix(12))
    }

    var postURL: String {
        guard configuration.threads else { return configuration.url }
        return configuration.url + (configuration.url.contains("?") ? "&" : "?") + "messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
    }

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let key = configuration.threads ? (target.threadID ?? Self.threadKey(for: alert)) : nil
        let safe = alert.redacted(with: redactor)
        let card =
            GoogleChatCard.templated(safe, configuration: configuration, repeated: target.threadID != nil, threadKey: key)
            ?? GoogleChatCard(alert: safe, configuration: configuration, repeated: target.threadID != nil, threadKey: key).body
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        let answer = try await http.post(postURL, headers: headers, body: card.serialized(), logger: logger)
        let json = try? JSONValue(parsing: answer.body)
        if answer.status == 200 {
            let name = json?["name"]?.stringValue
            guard let key else { return DeliveryReceipt(messageID: name) }
            // The thread is addressed by its key: the first message's receipt carries it as the id to reply under.
            return target.threadID == nil ? DeliveryReceipt(messageID: key, note: name) : DeliveryReceipt(messageID: name, threadID: key)
        }
        var reason = "Google Chat answered HTTP \(answer.status)"
        if let message = json?[path: ["error", "message"]]?.stringValue {
            reason += ": " + (json?[path: ["error", "status"]]?.stringValue.map { "\($0) " } ?? "") + message
        } else if !answer.bodyText.isEmpty {
            reason += ": " + answer.bodyText
        }
        reason = PlainText.clipped(PlainText.singleLine(reason), to: 400)
        switch answer.status {
        case 408, 429, 500..<600: throw .retryable(reason: reason, retryAfter: RetryAfter.parse(answer.headers, now: now()))
        case 401, 403: throw .permanent(reason: reason + " (the webhook's key or token is wrong, or the webhook was deleted)")
        case 404: throw .permanent(reason: reason + " (the space or webhook does not exist)")
        default: throw .permanent(reason: reason)
        }
    }
}
