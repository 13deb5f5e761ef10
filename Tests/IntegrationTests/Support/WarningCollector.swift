import Logging
import Synchronization

/// A log handler that keeps the messages logged at warning level and above, from any task.
final class WarningCollector: Sendable {
    private let storage = Mutex<[String]>([])

    var warnings: [String] { storage.withLock { $0 } }

    /// A logger whose warnings this collects.
    func logger(label: String) -> Logger {
        Logger(label: label) { _ in Handler(collector: self) }
    }

    private struct Handler: LogHandler {
        let collector: WarningCollector
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.level >= .warning else { return }
            collector.storage.withLock { $0.append("\(event.message)") }
        }
    }
}
