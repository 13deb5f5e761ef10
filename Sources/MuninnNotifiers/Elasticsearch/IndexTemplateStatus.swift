import Synchronization

/// Whether this process has installed (or given up installing) the index template: once is enough, templates
/// outlive the process and apply to every index created later.
final class IndexTemplateStatus: Sendable {
    private let done = Mutex(false)

    var isDone: Bool { done.withLock { $0 } }

    func markDone() { done.withLock { $0 = true } }
}
