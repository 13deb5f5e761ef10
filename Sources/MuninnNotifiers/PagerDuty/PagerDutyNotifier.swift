import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Sends alerts to PagerDuty's Events API v2: a `trigger` per alert with a `dedup_key` derived from
/// cluster, namespace, pod and container (so repeats of a crash loop fold into one PagerDuty alert),
/// and a `resolve` with the same key when the alert kind is `recovered`.
///
/// 202 is success (the receipt's `messageID` is the dedup key); 400 is permanent (with PagerDuty's
/// `errors`); 429, 408, 5xx and network failures are retryable (PagerDuty documents no
/// `Retry-After`; it is honoured when sent). Threads are PagerDuty's own: the dedup key.
///
/// ```swift
/// let pagerduty = PagerDutyNotifier(name: "pagerduty", configuration: PagerDutyConfiguration(routingKey: key))
/// try await pagerduty.send(crash, to: DeliveryTarget(), logger: logger)      // trigger
/// try await pagerduty.send(recovered, to: DeliveryTarget(), logger: logger)  // resolve, same dedup_key
/// ```
public struct PagerDutyNotifier: Notifier {
    public let name: String
    /// Events with the same `dedup_key` add to the same PagerDuty alert.
    public var recognisesRepeatedRequests: Bool { true }
    public let configuration: PagerDutyConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date

    public init(
        name: String, configuration: PagerDutyConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout)
        self.now = now
    }

    /// About 120 events a minute per integration key.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .milliseconds(500)) }

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let body = PagerDutyEvent.body(for: alert.redacted(with: redactor), configuration: configuration)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        let answer = try await http.post(configuration.apiURL, headers: headers, body: body.serialized(), logger: logger)
        let json = try? JSONValue(parsing: answer.body)
        if answer.isSuccess {
            let key = json?["dedup_key"]?.stringValue ?? body["dedup_key"]?.stringValue
            let action = body["event_action"]?.stringValue ?? "trigger"
            return DeliveryReceipt(messageID: key, note: action == "resolve" ? "resolved" : nil)
        }
        var reason = "PagerDuty answered HTTP \(answer.status)"
        if let message = json?["message"]?.stringValue {
            reason += ": " + message
            let errors = (json?["errors"]?.arrayValue ?? []).compactMap(\.stringValue)
            if !errors.isEmpty { reason += " (" + errors.prefix(3).joined(separator: "; ") + ")" }
        } else if !answer.bodyText.isEmpty {
            reason += ": " + answer.bodyText
        }
        reason = PlainText.clipped(PlainText.singleLine(reason), to: 400)
        switch answer.status {
        case 408, 429, 500..<600: throw .retryable(reason: reason, retryAfter: RetryAfter.parse(answer.headers, now: now()))
        default: throw .permanent(reason: reason)
        }
    }
}
