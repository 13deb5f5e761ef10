import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Posts alerts to a DingTalk custom robot as markdown, signed when a secret is configured.
///
/// DingTalk answers HTTP 200 for failures too: `errcode` decides (0 is success; 130101, 410100,
/// 660026 and -1 are worth retrying; 310000 and the others need a person). HTTP 408, 429 and 5xx
/// and network failures are retryable.
///
/// ```swift
/// let dingtalk = try DingTalkNotifier(name: "dingtalk", configuration: DingTalkConfiguration(token: token, secret: secret))
/// try await dingtalk.send(alert, to: DeliveryTarget(), logger: logger)
/// ```
public struct DingTalkNotifier: Notifier {
    public let name: String
    public let configuration: DingTalkConfiguration
    let endpoint: DingTalkEndpoint
    private let redactor: LogRedactor
    let http: NotifierHTTP
    let now: @Sendable () -> Date

    /// - Throws: ``NotifierError/permanent(reason:)`` when the token is neither an access_token nor a webhook URL.
    public init(
        name: String, configuration: DingTalkConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(NotifierError) {
        self.name = name
        self.configuration = configuration
        self.endpoint = try DingTalkEndpoint(token: configuration.token, apiURL: configuration.apiURL)
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout)
        self.now = now
    }

    /// 20 messages a minute per robot; one more locks the robot for ten minutes.
    public var pacing: DeliveryPacing { DeliveryPacing(perDestination: .seconds(3)) }

    /// Sends the markdown message. DingTalk has no threads and one chat per robot: the target's
    /// channel is ignored, and a `threadID` only makes the heading say it is a repeat.
    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let safe = alert.redacted(with: redactor)
        let body =
            DingTalkMessage.templated(safe, configuration: configuration, repeated: target.threadID != nil)
            ?? DingTalkMessage(alert: safe, configuration: configuration, repeated: target.threadID != nil).body
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let answer = try await http.post(endpoint.url(secret: configuration.secret, now: now()), headers: headers, body: body.serialized(), logger: logger)
        if let error = StatusClassification.error(for: answer, service: "DingTalk", now: now()) { throw error }
        guard let json = try? JSONValue(parsing: answer.body), let errcode = Self.errcode(json) else {
            throw .retryable(reason: "DingTalk: answer without errcode", retryAfter: nil)
        }
        guard errcode != 0 else { return DeliveryReceipt() }
        let errmsg = PlainText.clipped(PlainText.singleLine(json["errmsg"]?.stringValue ?? ""), to: 200)
        throw Self.classify(errcode: errcode, errmsg: errmsg)
    }

    /// `errcode` is a number, or in one documented example the string `"0"`.
    private static func errcode(_ json: JSONValue) -> Int64? {
        if let number = json["errcode"]?.intValue { return number }
        return json["errcode"]?.stringValue.flatMap { Int64($0) }
    }

    static func classify(errcode: Int64, errmsg: String) -> NotifierError {
        let reason = "DingTalk errcode \(errcode): \(errmsg)"
        switch errcode {
        case 130101: return .retryable(reason: reason, retryAfter: .seconds(60))
        // Over the limit the robot is throttled for ten minutes.
        case 410100: return .retryable(reason: reason, retryAfter: .seconds(600))
        case 660026: return .retryable(reason: reason, retryAfter: .seconds(60))
        // -1 is "system busy": a short wait, left to the outbox's backoff.
        case -1: return .retryable(reason: reason, retryAfter: nil)
        case 310000: return .permanent(reason: reason + " (check the robot's security settings: keyword, signing secret, IP allow-list, clock)")
        case 300005, 400101, 400106, 40035: return .permanent(reason: reason + " (unknown robot token)")
        case 400102: return .permanent(reason: reason + " (the robot is disabled)")
        case 400013: return .permanent(reason: reason + " (the robot's group was dissolved)")
        case 460101: return .permanent(reason: reason + " (message too long)")
        default: return .permanent(reason: reason)
        }
    }
}
