import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

extension WebhookNotifier {
    /// POSTs ``ChangePayload`` (type `change`) with the same headers and Standard Webhooks signature as alerts; the
    /// `webhook-id` is derived from the change id, so a retried change is recognised by the receiver.
    public func sendChange(_ change: ManifestChange, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let body = ChangePayload.json(for: change).serialized()
        let messageID = ChangePayload.messageID(for: change)
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
        if let error = StatusClassification.error(for: answer, service: "webhook", now: now()) { throw error }
        return DeliveryReceipt(messageID: messageID)
    }
}
