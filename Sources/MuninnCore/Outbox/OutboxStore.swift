import Foundation

/// The durable queue between detection and delivery: every incident is written here before anything
/// is sent, every delivery is tracked here until it succeeded or failed for good, and the detector's
/// memory is saved here in the same transaction as the incidents it produced, so a restart (or a
/// crash at any instant) neither loses nor repeats an alert.
///
/// Three stages read and write it, each free to stop at any moment:
/// 1. detection: `commitDetection` (incidents + detector memory, atomically);
/// 2. enrichment and routing: `incidentsAwaitingEnrichment` -> `commitAlert` (alert + planned deliveries);
/// 3. delivery: `dueDeliveries` -> `recordAttempt`, in order per lane (destination + channel).
///
/// Implementations: `SQLiteStore` (embedded, the default) and, later, PostgreSQL. Both pass the same
/// contract tests. Methods are safe to call concurrently.
public protocol OutboxStore: Sendable {
    /// The detector memory saved for `cluster`, or nil when none was ever saved (first start).
    func detectionState(cluster: String) async throws(StoreError) -> DetectionState?

    /// Atomically queues `incidents` for enrichment and applies `podStates` to the saved detector
    /// memory of `cluster`. An incident whose identity is already queued for that cluster is ignored
    /// (so a replay after a crash cannot duplicate it). Returns how many incidents were newly queued.
    @discardableResult
    func commitDetection(cluster: String, incidents: [Incident], podStates: [PodStateUpdate]) async throws(StoreError) -> Int

    /// Incidents queued but not yet enriched, oldest first, across clusters.
    func incidentsAwaitingEnrichment(limit: Int) async throws(StoreError) -> [QueuedIncident]

    /// Atomically stores `alert` for the queued incident, marks it enriched, and queues one delivery per
    /// element of `deliveries` (in that order). `suppression`, when set, says why nothing is delivered
    /// (muted, no matching route, flood control) and is kept with the incident for the history.
    /// Calling it again for an incident already enriched does nothing.
    func commitAlert(incident: QueuedIncident.ID, alert: Alert, deliveries: [PlannedDelivery], suppression: String?, at: Date)
        async throws(StoreError)

    /// `commitAlert` for each element, in order (their deliveries queue in that order). A store may write them in
    /// one transaction (one wait for the disk instead of one per alert); the default commits them one by one,
    /// which is as safe because each is idempotent: a batch retried after a failure changes nothing twice.
    func commitAlerts(_ commits: [AlertCommit]) async throws(StoreError)

    /// Pending deliveries that may be attempted at `now`: for each lane only its oldest pending delivery
    /// (order per lane is kept), and only when its next attempt is due. Oldest first, at most `limit`.
    ///
    /// Deliveries in `inFlight` (sent, their outcome still being recorded) are passed over as if no longer pending,
    /// so the one queued after them in their lane can be the head.
    func dueDeliveries(now: Date, limit: Int, excluding inFlight: Set<PendingDelivery.ID>) async throws(StoreError) -> [PendingDelivery]

    /// When the first lane head (the oldest pending delivery of a lane) becomes due, or nil when nothing is
    /// pending. Deliveries queued behind a head do not count: they wait for it, whatever their own time.
    ///
    /// Lanes in `excluding` (a delivery of theirs is being sent right now) are left out, so the delivery stage
    /// learns when a *free* lane is next due while a slow destination holds its own lane.
    func nextDeliveryDue(excluding lanes: Set<DeliveryLane>) async throws(StoreError) -> Date?

    /// Records how an attempt went: delivered (with the destination's receipt), retry at a later time,
    /// or failed for good. Counts the attempt.
    func recordAttempt(delivery: PendingDelivery.ID, outcome: DeliveryOutcome, at: Date) async throws(StoreError)

    /// `recordAttempt` for each element, in order. A store may write them in one transaction (one wait for the disk,
    /// one turn on its writer, instead of one per send); the default records them one by one (a batch retried after
    /// a failure halfway then counts an earlier retry outcome twice; a delivery that ended stays as it ended).
    func recordAttempts(_ attempts: [DeliveryAttempt]) async throws(StoreError)

    /// The message id (Slack `ts`) of the most recent delivered message in `lane` with `threadKey`,
    /// delivered at or after `since`: the parent later crashes of the same container reply to.
    func threadParent(lane: DeliveryLane, threadKey: String, since: Date) async throws(StoreError) -> String?
}

/// A change to the saved detector memory of one pod: its new record, or nil to forget the pod.
public struct PodStateUpdate: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var record: DetectionState.PodRecord?

    public init(namespace: String, name: String, record: DetectionState.PodRecord?) {
        self.namespace = namespace
        self.name = name
        self.record = record
    }
}

/// An incident waiting in the outbox for enrichment and routing.
public struct QueuedIncident: Sendable, Hashable, Identifiable {
    /// Store-assigned, increasing in queue order.
    public var id: Int64
    public var cluster: String
    public var incident: Incident
    public var queuedAt: Date

    public init(id: Int64, cluster: String, incident: Incident, queuedAt: Date) {
        self.id = id
        self.cluster = cluster
        self.incident = incident
        self.queuedAt = queuedAt
    }
}

/// Where deliveries are serialised: one destination instance and one channel (nil for destinations without channels).
public struct DeliveryLane: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The configured destination name (`slack-ops`).
    public var destination: String
    public var channel: String?

    public init(destination: String, channel: String?) {
        self.destination = destination
        self.channel = channel
    }

    public var description: String { channel.map { "\(destination) \($0)" } ?? destination }
}

/// A delivery decided by routing, before it is queued.
public struct PlannedDelivery: Sendable, Hashable {
    public var lane: DeliveryLane
    /// Deliveries with the same key in the same lane are one conversation (crash-loop threading):
    /// usually cluster/namespace/workload/container/reason.
    public var threadKey: String?

    public init(lane: DeliveryLane, threadKey: String?) {
        self.lane = lane
        self.threadKey = threadKey
    }
}

/// A queued delivery, with its alert, as the delivery stage sees it.
public struct PendingDelivery: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var lane: DeliveryLane
    public var threadKey: String?
    public var alert: Alert
    /// Attempts made so far (0 for a first attempt).
    public var attempts: Int
    public var queuedAt: Date
    public var nextAttemptAt: Date
    public var lastError: String?

    public init(
        id: Int64, lane: DeliveryLane, threadKey: String?, alert: Alert, attempts: Int, queuedAt: Date, nextAttemptAt: Date,
        lastError: String?
    ) {
        self.id = id
        self.lane = lane
        self.threadKey = threadKey
        self.alert = alert
        self.attempts = attempts
        self.queuedAt = queuedAt
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }
}

/// How one delivery attempt ended.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered(DeliveryReceipt)
    /// Try again at `next`; `error` is kept as the delivery's last error.
    case retry(error: String, next: Date)
    /// Given up: a permanent error, or the maximum age passed.
    case failed(error: String)
}

extension OutboxStore {
    /// Pending deliveries that may be attempted at `now`, lane heads only, oldest first, at most `limit`.
    public func dueDeliveries(now: Date, limit: Int) async throws(StoreError) -> [PendingDelivery] {
        try await dueDeliveries(now: now, limit: limit, excluding: [])
    }

    /// When the first lane head becomes due, whatever is being sent.
    public func nextDeliveryDue() async throws(StoreError) -> Date? {
        try await nextDeliveryDue(excluding: [])
    }

    public func recordAttempts(_ attempts: [DeliveryAttempt]) async throws(StoreError) {
        for attempt in attempts { try await recordAttempt(delivery: attempt.delivery, outcome: attempt.outcome, at: attempt.at) }
    }

    public func commitAlerts(_ commits: [AlertCommit]) async throws(StoreError) {
        for commit in commits {
            try await commitAlert(
                incident: commit.incident, alert: commit.alert, deliveries: commit.deliveries, suppression: commit.suppression, at: commit.at)
        }
    }
}

/// A store that cannot do what was asked: the message says what and why, never with credentials.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
