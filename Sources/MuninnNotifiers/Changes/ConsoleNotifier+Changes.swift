import KubeJSON
import Logging
import MuninnCore

extension ConsoleNotifier {
    /// One JSON line (``ChangePayload``), or a readable summary and the field changes.
    public func sendChange(_ change: ManifestChange, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        switch format {
        case .json:
            write(ChangePayload.json(for: change).serializedString())
        case .text:
            var lines = [PlainText.singleLine(ChangePayload.summary(change)) + (change.whileStopped ? " (while Muninn was not running)" : "")]
            for field in change.diff.fieldChanges {
                let values = [field.old, field.new].map { PlainText.singleLine($0 ?? "∅") }
                lines.append("  \(PlainText.singleLine(field.path)): \(values[0]) -> \(values[1])")
            }
            write(lines.joined(separator: "\n"))
        }
        return DeliveryReceipt(messageID: ChangePayload.messageID(for: change))
    }
}
