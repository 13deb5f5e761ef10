import Synchronization

/// Collects the lines a command writes, from any task.
final class LineCollector: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    /// Pass as a command's `output`.
    var write: @Sendable (String) -> Void { { line in self.storage.withLock { $0.append(line) } } }
}
