import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Posts alerts to a Mattermost incoming webhook (markdown heading plus a message attachment).
///
/// Success is `200 ok`. Errors are JSON AppErrors: 400 (invalid or deleted hook, bad payload,
/// unknown channel) and 501 (webhooks disabled by the admin) are permanent; 408, 429 (when the
/// server's optional rate limit is on) and other 5xx are retryable. Webhooks return no post id, so
/// a repeat is a full message headed "Crashed again".
///
/// ```swift
/// let mattermost = MattermostNotifier(name: "mattermost", configuration: MattermostConfiguration(url: hookURL))
/// try await mattermost.send(alert, to: DeliveryTarget(), logger: logger)
/// ```
public struct MattermostNotifier: Notifier {
    public let name: String
    public let configuration: MattermostConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date

    public init(
        name: String, configuration: MattermostConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout, tls: configuration.tls)
        self.now = now
    }

    /// Mattermost's rate limit is off by default (and 10 a second when an admin turns it on): a
    /// small gap keeps a burst of alerts below it.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .milliseconds(200)) }

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let safe = alert.redacted(with: redactor)
        let body =
            MattermostMessage.templated(safe, configuration: configuration, repeated: target.threadID != nil)
            ?? MattermostMessage(alert: safe, configuration: configuration, repeated: target.threadID != nil).body
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        let answer = try await http.post(configuration.url, headers: headers, body: body.serialized(), logger: logger)
        if answer.status == 200 { return DeliveryReceipt(channel: configuration.channel) }
        let json = try? JSONValue(parsing: answer.body)
        var reason = "Mattermost answered HTTP \(answer.status)"
        if let message = json?["message"]?.stringValue {
            reason += ": " + message + (json?["id"]?.stringValue.map { " (\($0))" } ?? "")
        } else if !answer.bodyText.isEmpty {
            reason += ": " + answer.bodyText
        }
        reason = PlainText.clipped(PlainText.singleLine(reason), to: 400)
        switch answer.status {
        case 501: throw .permanent(reason: reason + " (incoming webhooks are disabled on the server)")
        case 408, 429, 500..<600: throw .retryable(reason: reason, retryAfter: RetryAfter.parse(answer.headers, now: now()))
        case 400 where json?["id"]?.stringValue == "web.incoming_webhook.invalid.app_error":
            throw .permanent(reason: reason + " (the webhook was deleted or the URL is wrong)")
        default: throw .permanent(reason: reason)
        }
    }
}
