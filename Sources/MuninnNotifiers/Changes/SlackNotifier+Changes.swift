import Foundation
import KubeJSON
import Logging
import MuninnCore

extension SlackNotifier {
    /// kwatchman's attachment (``SlackChangeMessage``) by chat.postMessage to the target's channel (or the default
    /// one); a diff too long for the message is uploaded whole as a file in the message's thread.
    public func sendChange(_ change: ManifestChange, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        try await postChange(change, channel: target.channel, footer: nil, logger: logger)
    }

    func postChange(_ change: ManifestChange, channel: String?, footer: String?, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        guard let channel = channel ?? configuration.defaultChannel, !channel.isEmpty else {
            throw .permanent(reason: "Slack: no channel for this change and no default channel configured")
        }
        let channelID = try await resolver.id(for: channel, logger: logger)
        let message =
            SlackChangeMessage.templated(change, templates: configuration.templates)
            ?? SlackChangeMessage(change: change, footer: footer, now: api.now(), fileAttached: true)
        var body = message.payload
        body["channel"] = .string(channelID)
        // The notification text (attachments alone notify with nothing readable).
        body["text"] = .string(SlackText.plain(ChangePayload.summary(change)))
        body["unfurl_links"] = false
        let posted = try await api.call("chat.postMessage", json: body, logger: logger)
        let ts = posted["ts"]?.stringValue
        let postedChannel = posted["channel"]?.stringValue ?? channelID
        var receipt = DeliveryReceipt(messageID: ts, channel: postedChannel)
        guard message.linesCut > 0 else { return receipt }
        do {
            let fileID = try await uploader.upload(
                PlainText.sanitized(change.diff.unifiedDiff), filename: Self.diffFilename(change), title: "Diff of \(ChangePayload.summary(change))",
                channelID: postedChannel, threadTS: ts, logger: logger)
            receipt.note = "diff uploaded as file \(fileID)"
        } catch {
            logger.warning("Slack diff upload failed; the message carries the start of the diff only", metadata: ["notifier": "\(name)", "error": "\(error)"])
            receipt.note = "diff cut: upload failed (\(error))"
        }
        return receipt
    }

    static func diffFilename(_ change: ManifestChange) -> String {
        let parts = [change.kind.lowercased(), change.namespace, change.name].filter { !$0.isEmpty }.map { part in
            String(part.unicodeScalars.map { scalar -> Character in
                CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-._".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
            })
        }
        return parts.joined(separator: "_") + ".diff"
    }
}
