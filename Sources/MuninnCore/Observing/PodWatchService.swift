import Foundation
import KubeAPI
import Logging
import ServiceLifecycle

/// Follows pod informer events and reports each change as a line of text: what `muninn demo`
/// prints, and what `muninn run` logs until the alert pipeline takes over.
///
/// By default, changes seen while the initial list is replayed are not reported (that is the state
/// Muninn found, not news); after the first `.synced`, every change is.
public struct PodWatchService<Events: AsyncSequence & Sendable>: Service where Events.Element == InformerEvent<Pod> {
    private let events: Events
    private let output: @Sendable (String) -> Void
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let reportInitialState: Bool

    /// - Parameter reportInitialState: also report what the initial list shows (the demo does, so
    ///   nothing the scenario does before the first list completes goes unseen).
    public init(
        events: Events, reportInitialState: Bool = false, output: @escaping @Sendable (String) -> Void,
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "muninn.watch")
    ) {
        self.events = events
        self.reportInitialState = reportInitialState
        self.output = output
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        var tracker = PodChangeTracker()
        var synced = false
        for try await event in events.cancelOnGracefulShutdown() {
            let changes = tracker.observe(event)
            if case .synced = event {
                if !synced {
                    synced = true
                    logger.info("initial pod list complete", metadata: ["pods": "\(tracker.count)"])
                }
                continue
            }
            guard synced || reportInitialState else { continue }
            for change in changes {
                output(PodChangeFormatter.line(change, at: now()))
            }
        }
    }
}
