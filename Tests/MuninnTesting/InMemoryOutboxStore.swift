import Foundation
import MuninnCore
import Synchronization

/// An `OutboxStore` in memory, for pipeline tests that need no file: same semantics as the SQLite store
/// (the store contract tests run against both), plus a switch that makes every call fail, like a full disk.
public final class InMemoryOutboxStore: OutboxStore, PendingDeliveryCounting {
    private struct IncidentRow {
        var id: Int64
        var cluster: String
        var incident: Incident
        var queuedAt: Date
        var alert: Alert?
        var suppression: String?
    }

    private struct DeliveryRow {
        var id: Int64
        var incident: Int64
        var lane: DeliveryLane
        var threadKey: String?
        var status = "pending"
        var attempts = 0
        var queuedAt: Date
        var nextAttemptAt: Date
        var lastError: String?
        var deliveredAt: Date?
        var receipt: DeliveryReceipt?
    }

    private struct State {
        var savedClusters: Set<String> = []
        var pods: [String: [String: DetectionState.PodRecord]] = [:]
        var incidents: [IncidentRow] = []
        var deliveries: [DeliveryRow] = []
        var nextID: Int64 = 1
        var failing: String?
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// While set, every call throws a `StoreError` with this message.
    public func setFailure(_ message: String?) {
        state.withLock { $0.failing = message }
    }

    /// Every incident queued, in order, with its alert and suppression once enriched.
    public var queued: [(incident: Incident, alert: Alert?, suppression: String?)] {
        state.withLock { $0.incidents.map { ($0.incident, $0.alert, $0.suppression) } }
    }

    /// Every delivery: lane, alert id, status (`pending`, `delivered`, `failed`), attempts, last error.
    public var deliveryRecords: [(lane: DeliveryLane, alertID: String, status: String, attempts: Int, lastError: String?)] {
        state.withLock { state in
            state.deliveries.map { row in
                (row.lane, state.incidents.first { $0.id == row.incident }?.alert?.id ?? "", row.status, row.attempts, row.lastError)
            }
        }
    }

    private func locked<Value>(_ body: (inout State) throws(StoreError) -> Value) throws(StoreError) -> Value {
        try state.withLock { (state: inout State) throws(StoreError) -> Value in
            if let failing = state.failing { throw StoreError(failing) }
            return try body(&state)
        }
    }

    public func detectionState(cluster: String) async throws(StoreError) -> DetectionState? {
        try locked { state in
            guard state.savedClusters.contains(cluster) else { return nil }
            let records = (state.pods[cluster] ?? [:]).values.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
            return DetectionState(pods: records)
        }
    }

    public func commitDetection(cluster: String, incidents: [Incident], podStates: [PodStateUpdate]) async throws(StoreError) -> Int {
        let at = now()
        return try locked { state in
            state.savedClusters.insert(cluster)
            var added = 0
            for incident in incidents
            where !state.incidents.contains(where: { $0.cluster == cluster && $0.incident.identity == incident.identity }) {
                state.incidents.append(IncidentRow(id: state.nextID, cluster: cluster, incident: incident, queuedAt: at))
                state.nextID += 1
                added += 1
            }
            for update in podStates {
                state.pods[cluster, default: [:]]["\(update.namespace)/\(update.name)"] = update.record
            }
            return added
        }
    }

    public func incidentsAwaitingEnrichment(limit: Int) async throws(StoreError) -> [QueuedIncident] {
        try locked { state in
            // Lazily: only the first `limit` waiting rows are looked at and copied, not the whole queue per call.
            Array(
                state.incidents.lazy.filter { $0.alert == nil && $0.suppression == nil }.prefix(limit).map {
                    QueuedIncident(id: $0.id, cluster: $0.cluster, incident: $0.incident, queuedAt: $0.queuedAt)
                })
        }
    }

    public func commitAlert(incident: Int64, alert: Alert, deliveries: [PlannedDelivery], suppression: String?, at: Date)
        async throws(StoreError)
    {
        try locked { state in
            guard let index = state.incidents.firstIndex(where: { $0.id == incident }), state.incidents[index].alert == nil else { return }
            state.incidents[index].alert = alert
            state.incidents[index].suppression = suppression
            for planned in deliveries {
                state.deliveries.append(
                    DeliveryRow(id: state.nextID, incident: incident, lane: planned.lane, threadKey: planned.threadKey, queuedAt: at, nextAttemptAt: at))
                state.nextID += 1
            }
        }
    }

    public func pendingDeliveryCount() async throws(StoreError) -> Int {
        try locked { state in state.deliveries.filter { $0.status == "pending" }.count }
    }

    public func dueDeliveries(now: Date, limit: Int, excluding inFlight: Set<Int64>) async throws(StoreError) -> [PendingDelivery] {
        try locked { state in
            var seen = Set<DeliveryLane>()
            var due: [PendingDelivery] = []
            for row in state.deliveries where row.status == "pending" && !inFlight.contains(row.id) && seen.insert(row.lane).inserted {
                guard row.nextAttemptAt <= now, let alert = state.incidents.first(where: { $0.id == row.incident })?.alert else { continue }
                due.append(
                    PendingDelivery(
                        id: row.id, lane: row.lane, threadKey: row.threadKey, alert: alert, attempts: row.attempts, queuedAt: row.queuedAt,
                        nextAttemptAt: row.nextAttemptAt, lastError: row.lastError))
                if due.count == limit { break }
            }
            return due
        }
    }

    public func nextDeliveryDue(excluding lanes: Set<DeliveryLane>) async throws(StoreError) -> Date? {
        try locked { state in
            var heads: [DeliveryLane: Date] = [:]
            for row in state.deliveries where row.status == "pending" && heads[row.lane] == nil { heads[row.lane] = row.nextAttemptAt }
            return heads.filter { !lanes.contains($0.key) }.values.min()
        }
    }

    public func recordAttempt(delivery: Int64, outcome: DeliveryOutcome, at: Date) async throws(StoreError) {
        try locked { state in
            // A delivery that already ended stays as it ended, like the SQLite store.
            guard let index = state.deliveries.firstIndex(where: { $0.id == delivery }), state.deliveries[index].status == "pending" else {
                return
            }
            state.deliveries[index].attempts += 1
            switch outcome {
            case .delivered(let receipt):
                state.deliveries[index].status = "delivered"
                state.deliveries[index].deliveredAt = at
                state.deliveries[index].receipt = receipt
            case .retry(let error, let next):
                state.deliveries[index].lastError = error
                state.deliveries[index].nextAttemptAt = next
            case .failed(let error):
                state.deliveries[index].status = "failed"
                state.deliveries[index].lastError = error
            }
        }
    }

    public func threadParent(lane: DeliveryLane, threadKey: String, since: Date) async throws(StoreError) -> String? {
        try locked { state in
            state.deliveries.last { row in
                row.lane == lane && row.threadKey == threadKey && row.status == "delivered" && (row.deliveredAt ?? .distantPast) >= since
                    && row.receipt?.messageID != nil
            }?.receipt?.messageID
        }
    }
}
