import Foundation
import MuninnCore
import MuninnTesting
import Synchronization

/// An outbox whose `recordAttempt` waits until the test lets it through, as a store waiting for the disk does;
/// everything else goes straight to an in-memory outbox. It keeps one log of sends (`sent(_:)`, called by the
/// test's dispatch) and completed records, in the order they happened.
final class HeldRecordingStore: OutboxStore {
    enum Step: Sendable, Equatable {
        case sent(String)
        case recorded(Int64)
    }

    private struct State {
        var isOpen = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var log: [Step] = []
    }

    let base: InMemoryOutboxStore
    private let state = Mutex(State())
    /// Announces each record as it starts waiting, so a test knows when the delivery stage has nothing left to do.
    let recordsWaiting: AsyncStream<Int64>
    private let waitingContinuation: AsyncStream<Int64>.Continuation

    init(base: InMemoryOutboxStore) {
        self.base = base
        (recordsWaiting, waitingContinuation) = AsyncStream.makeStream(of: Int64.self)
    }

    var log: [Step] { state.withLock { $0.log } }

    func sent(_ alertID: String) {
        state.withLock { $0.log.append(.sent(alertID)) }
    }

    /// Lets every waiting and later record through.
    func open() {
        let waiting = state.withLock { state in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    func recordAttempt(delivery: PendingDelivery.ID, outcome: DeliveryOutcome, at: Date) async throws(StoreError) {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiting.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() } else { waitingContinuation.yield(delivery) }
        }
        try await base.recordAttempt(delivery: delivery, outcome: outcome, at: at)
        state.withLock { $0.log.append(.recorded(delivery)) }
    }

    func detectionState(cluster: String) async throws(StoreError) -> DetectionState? {
        try await base.detectionState(cluster: cluster)
    }

    func commitDetection(cluster: String, incidents: [Incident], podStates: [PodStateUpdate]) async throws(StoreError) -> Int {
        try await base.commitDetection(cluster: cluster, incidents: incidents, podStates: podStates)
    }

    func incidentsAwaitingEnrichment(limit: Int) async throws(StoreError) -> [QueuedIncident] {
        try await base.incidentsAwaitingEnrichment(limit: limit)
    }

    func commitAlert(incident: QueuedIncident.ID, alert: Alert, deliveries: [PlannedDelivery], suppression: String?, at: Date)
        async throws(StoreError)
    {
        try await base.commitAlert(incident: incident, alert: alert, deliveries: deliveries, suppression: suppression, at: at)
    }

    func dueDeliveries(now: Date, limit: Int, excluding inFlight: Set<PendingDelivery.ID>) async throws(StoreError) -> [PendingDelivery] {
        try await base.dueDeliveries(now: now, limit: limit, excluding: inFlight)
    }

    func nextDeliveryDue(excluding lanes: Set<DeliveryLane>) async throws(StoreError) -> Date? {
        try await base.nextDeliveryDue(excluding: lanes)
    }

    func threadParent(lane: DeliveryLane, threadKey: String, since: Date) async throws(StoreError) -> String? {
        try await base.threadParent(lane: lane, threadKey: threadKey, since: since)
    }
}
