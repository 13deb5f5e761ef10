import Foundation
import KubeAPI
import Logging
import ServiceLifecycle

/// Stage one of the alert pipeline: follows one pod informer, runs every event through the crash detector and
/// writes what it found to the outbox together with the detector's changed memory, in one transaction (what is
/// found while a write waits for the disk goes into the next). A crash at any moment therefore loses nothing (an
/// incident not yet written is found again in the relist after restart, from the memory that was saved with the
/// previous write) and repeats nothing (identities already queued are ignored).
///
/// While the store fails, the stage retries, and stops reading once `maximumPendingIncidents` wait (the watch backs
/// up, nothing is dropped).
public struct DetectionService<Events: AsyncSequence & Sendable>: Service where Events.Element == InformerEvent<Pod> {
    public struct Settings: Sendable {
        public var cluster: String
        /// How often unready pods are re-checked against the threshold without a new event; nil: never.
        public var tickInterval: Duration?
        /// How long changed memory (without incidents) may wait before it is saved.
        public var saveInterval: Duration
        public var storeRetry: RetryPolicy

        public init(
            cluster: String, tickInterval: Duration? = .seconds(10), saveInterval: Duration = .seconds(5),
            storeRetry: RetryPolicy = RetryPolicy(initial: .milliseconds(500), maximum: .seconds(30))
        ) {
            self.cluster = cluster
            self.tickInterval = tickInterval
            self.saveInterval = saveInterval
            self.storeRetry = storeRetry
        }
    }

    private let events: Events
    private let detector: CrashDetector
    private let store: any OutboxStore
    private let settings: Settings
    private let enrichment: Doorbell
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let onEvent: (@Sendable (InformerEvent<Pod>, [Incident]) -> Void)?
    private let metrics: PipelineMetrics
    private let logger: Logger

    /// - Parameters:
    ///   - detector: fresh, or restored from `store.detectionState(cluster:)` (only the pods this informer covers).
    ///   - enrichment: rung after incidents are queued.
    ///   - onEvent: sees every event and the incidents it revealed (the demo prints pod changes with it).
    public init(
        events: Events, detector: CrashDetector, store: any OutboxStore, settings: Settings, enrichment: Doorbell,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        onEvent: (@Sendable (InformerEvent<Pod>, [Incident]) -> Void)? = nil, metrics: PipelineMetrics = PipelineMetrics(),
        logger: Logger = Logger(label: "muninn.detect")
    ) {
        self.events = events
        self.detector = detector
        self.store = store
        self.settings = settings
        self.enrichment = enrichment
        self.clock = clock
        self.now = now
        self.onEvent = onEvent
        self.metrics = metrics
        self.logger = logger
    }

    /// Which of the stage's tasks ended.
    private enum TaskEnd: Sendable {
        case events, ticks, commits
    }

    public func run() async throws {
        let loop = DetectionLoop(
            detector: detector, now: now(), saveInterval: settings.saveInterval.seconds, ticksDetect: settings.tickInterval != nil)
        // Ticks also bound how long changed memory waits to be saved.
        let tickInterval = min(settings.tickInterval ?? settings.saveInterval, settings.saveInterval)
        let queued = Doorbell()
        let committed = Doorbell()
        let stopTicks = Doorbell()
        // Three tasks: the reader runs each event through the detector as it reads it (no hand-off per event); a
        // ticker; and one commit at a time, while reading goes on: what is found during a commit's wait for the
        // disk goes into the next one, so a burst of crashes costs a few commits instead of one each.
        try await withThrowingTaskGroup(of: TaskEnd.self) { group in
            group.addTask {
                try await readEvents(into: loop, queued: queued, committed: committed)
                return .events
            }
            group.addTask {
                while !loop.isFinished {
                    await stopTicks.wait(timeout: tickInterval, clock: clock)
                    try Task.checkCancellation()
                    let observation = loop.tick(now: now())
                    if observation.queued { queued.ring() }
                }
                return .ticks
            }
            group.addTask {
                try await commitLoop(loop, queued: queued, committed: committed)
                return .commits
            }
            while let ended = try await group.next() {
                if ended == .events {
                    loop.finish()
                    queued.ring()
                    stopTicks.ring()
                }
            }
        }
        // Whatever memory changed since the last save is kept for the next start.
        if let changes = loop.takeUnsavedChanges() {
            do {
                try await store.commitDetection(cluster: settings.cluster, incidents: [], podStates: changes)
            } catch {
                logger.warning("could not save detector memory at shutdown", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Reads events until they end or graceful shutdown begins. While `maximumPendingIncidents` wait for a commit,
    /// reading waits (the watch backs up).
    private func readEvents(into loop: DetectionLoop, queued: Doorbell, committed: Doorbell) async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var sinceYield = 0
                for try await event in events {
                    // Buffered events are read without suspending; on a pool of one thread the ticker and the
                    // committer must still get their turn.
                    sinceYield += 1
                    if sinceYield == Self.eventsBetweenYields {
                        sinceYield = 0
                        await Task.yield()
                    }
                    metrics.watchEvent()
                    let observation = loop.observe(event, now: now())
                    onEvent?(event, observation.incidents)
                    if observation.synced {
                        if observation.relisted { metrics.relisted() }
                        logger.info("pod list in sync", metadata: ["remembered_pods": "\(observation.rememberedPods)"])
                    }
                    guard observation.queued else { continue }
                    queued.ring()
                    while loop.mustWaitForCommit(limit: Self.maximumPendingIncidents) {
                        await committed.wait()
                        try Task.checkCancellation()
                    }
                }
            }
        } catch is CancellationError where !Task.isCancelled {
            // Graceful shutdown ended the reading; what was read is still committed.
        }
    }

    /// Commits what the reader and the ticker queued, one batch at a time, until the reading ended and nothing waits.
    private func commitLoop(_ loop: DetectionLoop, queued: Doorbell, committed: Doorbell) async throws {
        while true {
            switch loop.nextCommit() {
            case .commit(let batch):
                try await commit(batch)
                loop.commitEnded()
                committed.ring()
            case .idle:
                await queued.wait()
                try Task.checkCancellation()
            case .finished:
                return
            }
        }
    }

    /// How many found incidents may wait for a commit before reading stops.
    static var maximumPendingIncidents: Int { 1_000 }

    /// How many events the reader handles before it lets other tasks run.
    static var eventsBetweenYields: Int { 256 }

    /// Writes `batch` in one transaction (retrying while the store fails), then hands its incidents on.
    private func commit(_ batch: DetectionBatch) async throws {
        try await StoreRetry.run("queue incidents", policy: settings.storeRetry, clock: clock, logger: logger, metrics: metrics) { () throws(StoreError) in
            try await store.commitDetection(cluster: settings.cluster, incidents: batch.incidents, podStates: batch.podStates)
        }
        guard !batch.incidents.isEmpty else { return }
        for incident in batch.incidents {
            metrics.incident(incident)
            logger.info(
                "incident",
                metadata: [
                    "kind": "\(incident.kind.rawValue)", "pod": "\(incident.namespace)/\(incident.podName)",
                    "container": "\(incident.container ?? "-")", "reason": "\(incident.reason ?? "-")", "id": "\(incident.identity)",
                ])
        }
        enrichment.ring()
    }
}
