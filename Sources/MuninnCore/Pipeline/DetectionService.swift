import AsyncAlgorithms
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

    private enum Input: Sendable {
        case event(InformerEvent<Pod>)
        case tick
        /// The commit with this number finished.
        case committed(Int)
        /// The informer ended (it only does when cancelled, or in tests).
        case end
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

    public func run() async throws {
        var detector = self.detector
        var lastSave = now()
        // Ticks also bound how long changed memory waits to be saved.
        let tickInterval = min(settings.tickInterval ?? settings.saveInterval, settings.saveInterval)
        let (committed, commitFinished) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        defer { commitFinished.finish() }
        let inputs = merge(
            chain(events.map { Input.event($0) }, [Input.end].async), ClockTicks(interval: tickInterval, clock: clock).map { _ in Input.tick },
            committed.map { Input.committed($0) })
        // One commit at a time, while reading goes on: what is found during a commit's wait for the disk goes into
        // the next one, so a burst of crashes costs a few commits instead of one each. At most
        // `maximumPendingIncidents` wait; beyond that, reading waits for the commit (the watch backs up).
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = DetectionBatch()
            var inFlight: Int?
            var sequence = 0
            loop: for try await input in inputs.cancelOnGracefulShutdown() {
                var incidents: [Incident] = []
                var synced = false
                switch input {
                case .event(let event):
                    metrics.watchEvent()
                    let wasSynced = detector.hasSynced
                    incidents = detector.observe(event, now: now())
                    onEvent?(event, incidents)
                    if case .synced = event {
                        synced = true
                        if wasSynced { metrics.relisted() }
                        logger.info("pod list in sync", metadata: ["remembered_pods": "\(detector.rememberedPodCount)"])
                    }
                case .tick:
                    incidents = settings.tickInterval == nil ? [] : detector.tick(now: now())
                case .committed(let finished):
                    guard finished == inFlight else { continue }
                    _ = try await group.next()
                    inFlight = nil
                case .end:
                    break loop
                }
                let saveDue = detector.hasUnsavedChanges && now().timeIntervalSince(lastSave) >= settings.saveInterval.seconds
                if !incidents.isEmpty || saveDue || synced {
                    pending.add(incidents, detector.takeStateChanges(), synced: synced)
                    lastSave = now()
                }
                guard !pending.isEmpty else { continue }
                if inFlight != nil, pending.incidents.count >= Self.maximumPendingIncidents {
                    _ = try await group.next()
                    inFlight = nil
                }
                if inFlight == nil {
                    sequence += 1
                    let batch = pending
                    let number = sequence
                    pending = DetectionBatch()
                    inFlight = number
                    group.addTask {
                        try await commit(batch)
                        commitFinished.yield(number)
                    }
                }
            }
            try await group.waitForAll()
            if !pending.isEmpty { try await commit(pending) }
        }
        // Whatever memory changed since the last save is kept for the next start.
        if detector.hasUnsavedChanges {
            let changes = detector.takeStateChanges()
            do {
                try await store.commitDetection(cluster: settings.cluster, incidents: [], podStates: changes)
            } catch {
                logger.warning("could not save detector memory at shutdown", metadata: ["error": "\(error)"])
            }
        }
    }

    /// How many found incidents may wait for the commit in flight before reading stops.
    static var maximumPendingIncidents: Int { 1_000 }

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
