import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

extension SlackWebhookNotifier {
    /// kwatchman's attachment (``SlackChangeMessage``) with the change's cluster as the footer. A webhook cannot upload
    /// files, so a long diff is cut at a line with a note.
    public func sendChange(_ change: ManifestChange, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        try await postChange(change, footer: nil, logger: logger)
    }

    /// Posts the change; success is HTTP 200 with `ok`, as for alerts.
    func postChange(_ change: ManifestChange, footer: String?, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        var message = SlackChangeMessage.templated(change, templates: templates) ?? SlackChangeMessage(change: change, footer: footer, now: now())
        // The notification text (blocks alone notify with nothing readable).
        if message.payload["blocks"] != nil {
            var payload = message.payload
            payload["text"] = .string(SlackText.plain(ChangePayload.summary(change)))
            message = SlackChangeMessage(payload: payload, title: message.title, linesCut: message.linesCut)
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let answer = try await http.post(url, headers: headers, body: message.payload.serialized(), logger: logger)
        let code = PlainText.clipped(PlainText.singleLine(answer.bodyText).trimmingCharacters(in: .whitespaces), to: 100)
        switch answer.status {
        case 200 where code == "ok":
            return DeliveryReceipt(note: message.linesCut > 0 ? "diff cut: \(message.linesCut) lines left out" : nil)
        case 200:
            throw .permanent(reason: "Slack webhook: unexpected answer \(code.isEmpty ? "(empty)" : code)")
        case 408, 429, 500..<600:
            throw .retryable(reason: "Slack webhook: HTTP \(answer.status)" + (code.isEmpty ? "" : " " + code), retryAfter: RetryAfter.parse(answer.headers, now: now()))
        default:
            throw .permanent(reason: "Slack webhook: HTTP \(answer.status)" + (code.isEmpty ? "" : " " + code))
        }
    }
}
