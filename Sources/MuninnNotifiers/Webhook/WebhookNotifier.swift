import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// POSTs the alert as JSON (``AlertPayload``) to a URL, signed the Standard Webhooks way when a
/// secret is set (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
///
/// 2xx is success; 408, 429 and 5xx are worth retrying (after `Retry-After`); 3xx and other 4xx
/// are not (410 means the receiver is gone for good).
public struct WebhookNotifier: Notifier {
    public let name: String
    /// Receivers de-duplicate by `webhook-id`, which is the same for every attempt of an alert.
    public var recognisesRepeatedRequests: Bool { true }
    public let configuration: WebhookConfiguration
    private let redactor: LogRedactor
    let signature: WebhookSignature?
    let http: NotifierHTTP
    let now: @Sendable () -> Date

    public init(
        name: String, configuration: WebhookConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.signature = configuration.secret.flatMap { $0.isEmpty ? nil : WebhookSignature(secret: $0) }
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout, tls: configuration.tls)
        self.now = now
    }

    /// Receivers are ours to size; one that cannot keep up answers 429 with `Retry-After`.
    public var pacing: DeliveryPacing { .unpaced }

    /// Sends the payload; the target's channel is ignored, its `threadID` becomes the payload's `thread`.
    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let body = AlertPayload.json(for: alert.redacted(with: redactor), maxLogBytes: configuration.maximumLogBytes, thread: target.threadID)
            .serialized()
        let messageID = AlertPayload.messageID(for: alert)
        var headers = HTTPHeaders()
        for header in configuration.headers { headers.add(name: header.name, value: header.value) }
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        headers.replaceOrAdd(name: "webhook-id", value: messageID)
        if let signature {
            let timestamp = Int64(now().timeIntervalSince1970.rounded(.down))
            headers.replaceOrAdd(name: "webhook-timestamp", value: String(timestamp))
            headers.replaceOrAdd(name: "webhook-signature", value: signature.header(id: messageID, timestamp: timestamp, body: body))
        }
        let answer = try await http.post(configuration.url, headers: headers, body: body, logger: logger)
        if let error = StatusClassification.error(for: answer, service: "webhook", now: now()) {
            if case .permanent(let reason) = error, answer.status == 410 {
                throw .permanent(reason: reason + " (the receiver is gone: remove or fix this destination)")
            }
            throw error
        }
        return DeliveryReceipt(messageID: messageID, threadID: target.threadID)
    }
}
