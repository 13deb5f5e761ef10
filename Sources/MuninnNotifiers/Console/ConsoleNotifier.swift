import Foundation
import KubeJSON
import Logging
import MuninnCore

/// Writes one JSON line (``AlertPayload``) per alert: stdout in production, a collector in tests.
public struct ConsoleNotifier: Notifier {
    public let name: String
    private let redactor: LogRedactor
    private let write: @Sendable (String) -> Void

    /// - Parameter write: receives each line without its newline; the default prints to stdout.
    public init(name: String = "console", redactor: LogRedactor = .standard, write: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.name = name
        self.redactor = redactor
        self.write = write
    }

    /// A local write has no rate limit.
    public var pacing: DeliveryPacing { .unpaced }

    /// Writes the line; the target's `threadID` becomes the payload's `thread`. The receipt's
    /// message id is the payload's `messageId`, so repeats can name the first alert.
    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        // The writer escapes U+2028/U+2029 and control characters, so the line cannot be split.
        write(AlertPayload.json(for: alert.redacted(with: redactor), thread: target.threadID).serializedString())
        return DeliveryReceipt(messageID: AlertPayload.messageID(for: alert), threadID: target.threadID)
    }
}
