import Foundation
import KubeAPI
import Logging
import ServiceLifecycle

/// Follows pod informer events and reports each change, and each incident the crash detector
/// finds, as a line of text: what `muninn demo` prints, and what `muninn run` prints until the
/// alert pipeline delivers to real destinations.
///
/// By default, changes seen while the initial list is replayed are not reported (that is the state
/// Muninn found, not news); after the first `.synced`, every change is.
public struct PodWatchService<Events: AsyncSequence & Sendable>: Service where Events.Element == InformerEvent<Pod> {
    private let events: Events
    private let output: @Sendable (String) -> Void
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let reportInitialState: Bool
    private let detector: CrashDetector

    /// - Parameter reportInitialState: also report what the initial list shows (the demo does, so
    ///   nothing the scenario does before the first list completes goes unseen).
    public init(
        events: Events, reportInitialState: Bool = false, detector: CrashDetector = CrashDetector(),
        output: @escaping @Sendable (String) -> Void,
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "muninn.watch")
    ) {
        self.events = events
        self.reportInitialState = reportInitialState
        self.detector = detector
        self.output = output
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        var tracker = PodChangeTracker()
        var detector = self.detector
        var synced = false
        for try await event in events.cancelOnGracefulShutdown() {
            let changes = tracker.observe(event)
            let incidents = detector.observe(event, now: now())
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
            for incident in incidents {
                output(IncidentFormatter.line(incident))
            }
        }
    }
}
