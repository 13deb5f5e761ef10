import Foundation
import KubeJSON
import Logging
import MuninnCore

/// Writes each alert to stdout (a collector in tests): one JSON line (``AlertPayload``) for log pipelines, or
/// a few readable lines (``ConsoleAlertText``) for a person at a terminal.
public struct ConsoleNotifier: Notifier {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case json, text
    }

    public let name: String
    public let format: Format
    private let redactor: LogRedactor
    let write: @Sendable (String) -> Void

    /// - Parameter write: receives each line without its newline; the default prints to stdout.
    public init(
        name: String = "console", format: Format = .json, redactor: LogRedactor = .standard,
        write: @escaping @Sendable (String) -> Void = { print($0) }
    ) {
        self.name = name
        self.format = format
        self.redactor = redactor
        self.write = write
    }

    /// A local write has no rate limit.
    public var pacing: DeliveryPacing { .unpaced }

    /// Writes the line; the target's `threadID` becomes the payload's `thread`. The receipt's
    /// message id is the payload's `messageId`, so repeats can name the first alert.
    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        // The writer escapes U+2028/U+2029 and control characters, so the line cannot be split.
        let redacted = alert.redacted(with: redactor)
        switch format {
        case .json: write(AlertPayload.json(for: redacted, thread: target.threadID).serializedString())
        case .text: write(ConsoleAlertText.render(redacted))
        }
        return DeliveryReceipt(messageID: AlertPayload.messageID(for: alert), threadID: target.threadID)
    }
}
