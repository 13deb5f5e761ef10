import Foundation
import KubeAPI
import MuninnCore
import Synchronization

/// Prints every pod and container change the demo's watch sees, as `muninn demo` always has: a live view of
/// what the detector is fed. It keeps a snapshot of every pod, which is fine for a demo cluster and why `run`
/// does not use it.
final class PodChangePrinter: Sendable {
    private let tracker = Mutex(PodChangeTracker())
    private let output: @Sendable (String) -> Void

    init(output: @escaping @Sendable (String) -> Void) {
        self.output = output
    }

    func print(_ event: InformerEvent<Pod>, now: Date = Date()) {
        let changes = tracker.withLock { $0.observe(event) }
        for change in changes {
            output(PodChangeFormatter.line(change, at: now))
        }
    }
}
