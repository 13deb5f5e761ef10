import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Posts alerts as Adaptive Cards to a Microsoft Teams Workflows webhook.
///
/// The retired Office 365 connector URLs are refused when the notifier is made. Workflows answer
/// 202 once the flow is triggered (whether the card then renders shows only in the flow's run
/// history); 408, 429 and 5xx are retryable, other statuses (401 `DirectApiAuthorizationRequired`
/// for a bad `sig`, 400, 404) are not. Teams has no threads for webhooks: a repeat is a full card
/// headed "Crashed again".
///
/// ```swift
/// let teams = try TeamsNotifier(name: "teams-ops", configuration: TeamsConfiguration(url: workflowURL))
/// try await teams.send(alert, to: DeliveryTarget(), logger: logger)
/// ```
public struct TeamsNotifier: Notifier {
    public let name: String
    public let configuration: TeamsConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date

    /// - Throws: ``NotifierError/permanent(reason:)`` for a retired connector URL or one that is not http(s).
    public init(
        name: String, configuration: TeamsConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(NotifierError) {
        if let problem = TeamsWebhookURL.problem(configuration.url) { throw .permanent(reason: "Teams: " + problem) }
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout)
        self.now = now
    }

    /// Teams throttles a webhook above four requests a second (and 60 per 30 s in older limits): one a second.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .seconds(1)) }

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let safe = alert.redacted(with: redactor)
        let card =
            TeamsCard.templated(safe, configuration: configuration, repeated: target.threadID != nil)
            ?? TeamsCard(alert: safe, configuration: configuration, repeated: target.threadID != nil).body
        var headers = HTTPHeaders()
        // No Authorization header: the trigger refuses a second authorization besides `sig`.
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let answer = try await http.post(configuration.url, headers: headers, body: card.serialized(), logger: logger)
        if answer.isSuccess { return DeliveryReceipt() }
        let detail = Self.errorDetail(answer)
        let reason = "Teams answered HTTP \(answer.status)" + (detail.isEmpty ? "" : ": " + detail)
        switch answer.status {
        case 408, 429, 500..<600: throw .retryable(reason: reason, retryAfter: RetryAfter.parse(answer.headers, now: now()))
        case 401, 403: throw .permanent(reason: reason + " (the webhook URL or its sig= was not accepted: copy the whole URL from the workflow)")
        case 404: throw .permanent(reason: reason + " (the workflow was deleted or turned off)")
        case 413: throw .permanent(reason: reason + " (message too large)")
        default: throw .permanent(reason: reason)
        }
    }

    /// `{"error":{"code":"…","message":"…"}}` as `code: message`, else the start of the body.
    private static func errorDetail(_ answer: HTTPAnswer) -> String {
        if let json = try? JSONValue(parsing: answer.body), let code = json[path: ["error", "code"]]?.stringValue {
            let message = json[path: ["error", "message"]]?.stringValue ?? ""
            return PlainText.clipped(PlainText.singleLine(message.isEmpty ? code : "\(code): \(message)"), to: 300)
        }
        return PlainText.clipped(PlainText.singleLine(answer.bodyText), to: 200)
    }
}
