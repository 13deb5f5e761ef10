import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Posts alerts to a Slack incoming webhook (`https://hooks.slack.com/services/T/B/X`).
///
/// The URL is the credential and fixes the channel, so the target's channel is ignored. Webhooks
/// cannot reply in threads or upload files: a repeat (a target with a `threadID`) is a full message
/// headed "Crashed again: ...", with the log tail only. Answers are plain text: `ok`, or an error
/// code such as `invalid_payload` or `no_service`.
public struct SlackWebhookNotifier: Notifier {
    public let name: String
    let url: String
    private let redactor: LogRedactor
    let http: NotifierHTTP
    let now: @Sendable () -> Date
    private let inlineLogLines: Int
    private let inlineLogCharacters: Int
    let templates: MessageTemplates

    /// - Parameters:
    ///   - templates: the header and notification text (title) and the body (text), instead of the built-in layout.
    ///   - tls: a private CA, for a Slack-compatible receiver (Mattermost, Rocket.Chat) behind an internal CA.
    public init(
        name: String, url: String, redactor: LogRedactor = .standard, requestTimeout: Duration = .seconds(15), inlineLogLines: Int = 20,
        inlineLogCharacters: Int = 2_800, httpClient: HTTPClient = .notifiers, now: @escaping @Sendable () -> Date = { Date() },
        templates: MessageTemplates = MessageTemplates(), tls: TLSOptions = TLSOptions()
    ) {
        self.templates = templates
        self.name = name
        self.url = url
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: requestTimeout, tls: tls)
        self.now = now
        self.inlineLogLines = inlineLogLines
        self.inlineLogCharacters = min(inlineLogCharacters, SlackLimits.sectionText - 200)
    }

    /// Incoming webhooks take one message per second.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .seconds(1)) }

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let safe = alert.redacted(with: redactor)
        let message =
            SlackMessage.templated(
                safe, templates: templates, inlineLogLines: inlineLogLines, inlineLogCharacters: inlineLogCharacters, repeated: target.threadID != nil)
            ?? SlackMessage(alert: safe, inlineLogLines: inlineLogLines, inlineLogCharacters: inlineLogCharacters, repeated: target.threadID != nil)
        let body: JSONValue = ["text": .string(message.text), "blocks": .array(message.blocks), "unfurl_links": false, "unfurl_media": false]
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let answer = try await http.post(url, headers: headers, body: body.serialized(), logger: logger)
        let code = PlainText.clipped(PlainText.singleLine(answer.bodyText).trimmingCharacters(in: .whitespaces), to: 100)
        switch answer.status {
        case 200 where code == "ok":
            return DeliveryReceipt()
        case 200:
            throw .permanent(reason: "Slack webhook: unexpected answer \(code.isEmpty ? "(empty)" : code)")
        // 408 comes from proxies; like 429 and 5xx it says nothing about the message.
        case 408, 429, 500..<600:
            throw .retryable(reason: "Slack webhook: HTTP \(answer.status)" + Self.detail(code), retryAfter: RetryAfter.parse(answer.headers, now: now()))
        default:
            throw .permanent(reason: "Slack webhook: HTTP \(answer.status)" + Self.detail(code) + Self.hint(code))
        }
    }

    private static func detail(_ code: String) -> String { code.isEmpty ? "" : " " + code }

    private static func hint(_ code: String) -> String {
        switch code {
        case "no_service", "invalid_token", "no_active_hooks", "no_service_id", "team_disabled", "no_team":
            " (the webhook was removed or disabled: create a new one)"
        case "channel_is_archived": " (the webhook's channel is archived)"
        default: ""
        }
    }
}
