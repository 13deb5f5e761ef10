import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Posts alerts as interactive cards to a Feishu or Lark custom bot, signed when a secret is set
/// (``FeishuSignature``: seconds, the string as HMAC key over an empty message, in the body).
///
/// Feishu answers HTTP 200 for rejections too: `code` decides (0 is success; `11232` frequency
/// limited is retryable; `19021` signature or clock, `19022` IP not allowed, `19024` keyword
/// missing, `9499` bad request and the rest are not). HTTP 408, 429, 5xx and network failures
/// are retryable. A bot posts into one group and has no threads: a repeat is a full card headed
/// "Crashed again".
///
/// ```swift
/// let feishu = FeishuNotifier(name: "feishu", configuration: FeishuConfiguration(url: hookURL, secret: secret))
/// try await feishu.send(alert, to: DeliveryTarget(), logger: logger)
/// ```
public struct FeishuNotifier: Notifier {
    public let name: String
    public let configuration: FeishuConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date

    public init(
        name: String, configuration: FeishuConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout)
        self.now = now
    }

    /// 100 requests a minute (and 5 a second) per bot.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .milliseconds(600)) }

    /// The request body: signature fields (when a secret is set), `msg_type` and the card.
    func body(_ alert: Alert, repeated: Bool) -> JSONValue {
        var envelope: JSONValue = [:]
        if let secret = configuration.secret, !secret.isEmpty {
            let timestamp = Int64(now().timeIntervalSince1970.rounded(.down))
            envelope["timestamp"] = .string(String(timestamp))
            envelope["sign"] = .string(FeishuSignature.sign(timestamp: timestamp, secret: secret))
        }
        envelope["msg_type"] = "interactive"
        let limit = configuration.maximumBodyBytes
        let fits = { (card: JSONValue) -> Bool in
            var whole = envelope
            whole["card"] = card
            return whole.serialized().count <= limit
        }
        let card =
            FeishuCard.templated(alert, configuration: configuration, repeated: repeated, fits: fits)
            ?? FeishuCard(alert: alert, configuration: configuration, repeated: repeated, fits: fits).card
        envelope["card"] = card
        return envelope
    }

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let body = body(alert.redacted(with: redactor), repeated: target.threadID != nil)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let answer = try await http.post(configuration.url, headers: headers, body: body.serialized(), logger: logger)
        if let error = StatusClassification.error(for: answer, service: "Feishu", now: now()) { throw error }
        guard let json = try? JSONValue(parsing: answer.body), let code = json["code"]?.intValue ?? json["StatusCode"]?.intValue else {
            throw .retryable(reason: "Feishu: answer without code", retryAfter: nil)
        }
        guard code != 0 else { return DeliveryReceipt() }
        let message = PlainText.clipped(PlainText.singleLine(json["msg"]?.stringValue ?? json["StatusMessage"]?.stringValue ?? ""), to: 200)
        throw Self.classify(code: code, message: message)
    }

    static func classify(code: Int64, message: String) -> NotifierError {
        let reason = "Feishu code \(code): \(message)"
        switch code {
        case 11232: return .retryable(reason: reason, retryAfter: nil)
        case 19021: return .permanent(reason: reason + " (check the signing secret and the clock)")
        case 19022: return .permanent(reason: reason + " (the bot's IP allow-list does not include this host)")
        case 19024: return .permanent(reason: reason + " (the bot's keyword is not in the card: set keyword)")
        case 19001, 19002: return .permanent(reason: reason + " (the webhook URL is wrong or the bot was removed)")
        default: return .permanent(reason: reason)
        }
    }
}
