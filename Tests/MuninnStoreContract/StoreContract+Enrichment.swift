import Foundation
import MuninnCore
import Testing

extension StoreContract {
    public func awaitingEnrichmentIsOldestFirstAndLimited() async throws {
        try await database.withStore { store in
            let incidents = (1...3).map { StoreSamples.incident("uid-a/app/c\($0)", observedAt: StoreSamples.at($0)) }
            try await store.commitDetection(cluster: "prod", incidents: Array(incidents[0...1]), podStates: [])
            try await store.commitDetection(cluster: "staging", incidents: [incidents[2]], podStates: [])

            let firstTwo = try await store.incidentsAwaitingEnrichment(limit: 2)
            #expect(firstTwo.map(\.incident) == Array(incidents[0...1]))
            #expect(firstTwo.map(\.queuedAt) == [StoreSamples.queueTime, StoreSamples.queueTime])
            #expect(try await store.incidentsAwaitingEnrichment(limit: 0).isEmpty)

            let all = try await store.incidentsAwaitingEnrichment(limit: 10)
            #expect(all.map(\.incident) == incidents)
            #expect(all.map(\.cluster) == ["prod", "prod", "staging"])
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.id < $1.id })

            try await store.commitAlert(incident: all[0].id, alert: StoreSamples.alert(for: all[0]), deliveries: [], suppression: nil, at: StoreSamples.at(10))
            #expect(try await store.incidentsAwaitingEnrichment(limit: 10).map(\.id) == [all[1].id, all[2].id])
        }
    }

    public func commitAlertIsIdempotent() async throws {
        try await database.withStore { store in
            let queued = try await queueAlerted(store, "uid-a/app/c1", lanes: [StoreSamples.opsLane], at: StoreSamples.at(0))
            // A replay with other deliveries changes nothing.
            try await store.commitAlert(
                incident: queued.id, alert: StoreSamples.alert(for: queued),
                deliveries: [PlannedDelivery(lane: StoreSamples.devLane, threadKey: nil), PlannedDelivery(lane: StoreSamples.opsLane, threadKey: nil)],
                suppression: "muted", at: StoreSamples.at(5))
            #expect(try await dueNames(store, at: StoreSamples.at(60)) == ["uid-a/app/c1@slack-main/#ops"])
            #expect(try await store.incidentsAwaitingEnrichment(limit: 10).isEmpty)

            let due = try #require(try await store.dueDeliveries(now: StoreSamples.at(60), limit: 10).first)
            #expect(due.alert == StoreSamples.alert(for: queued))
            #expect(due.attempts == 0 && due.lastError == nil && due.threadKey == nil)
            #expect(due.queuedAt == StoreSamples.at(0) && due.nextAttemptAt == StoreSamples.at(0))
        }
    }

    /// A batch is stored as its alerts one by one would be: deliveries queue in the batch's order, a suppressed
    /// alert queues none, and an incident already enriched is left as it was.
    public func commitAlertsStoresABatchInOrder() async throws {
        try await database.withStore { store in
            let replayed = try await queueAlerted(store, "uid-a/app/c0", lanes: [StoreSamples.devLane], at: StoreSamples.at(0))
            let incidents = (1...3).map { StoreSamples.incident("uid-a/app/c\($0)", observedAt: StoreSamples.at($0)) }
            try await store.commitDetection(cluster: "prod", incidents: incidents, podStates: [])
            let queued = try await store.incidentsAwaitingEnrichment(limit: 10)
            #expect(queued.count == 3)
            let ops = PlannedDelivery(lane: StoreSamples.opsLane, threadKey: nil)
            let dev = PlannedDelivery(lane: StoreSamples.devLane, threadKey: nil)
            try await store.commitAlerts([
                AlertCommit(incident: queued[0].id, alert: StoreSamples.alert(for: queued[0]), deliveries: [ops], suppression: nil, at: StoreSamples.at(10)),
                AlertCommit(incident: replayed.id, alert: StoreSamples.alert(for: replayed), deliveries: [ops], suppression: nil, at: StoreSamples.at(10)),
                AlertCommit(incident: queued[1].id, alert: StoreSamples.alert(for: queued[1]), deliveries: [], suppression: "muted", at: StoreSamples.at(10)),
                AlertCommit(incident: queued[2].id, alert: StoreSamples.alert(for: queued[2]), deliveries: [ops, dev], suppression: nil, at: StoreSamples.at(10)),
            ])
            #expect(try await store.incidentsAwaitingEnrichment(limit: 10).isEmpty)
            #expect(Set(try await dueNames(store, at: StoreSamples.at(60))) == ["uid-a/app/c0@slack-main/#dev", "uid-a/app/c1@slack-main/#ops"])
            let opsHead = try #require(try await store.dueDeliveries(now: StoreSamples.at(60), limit: 10).first { $0.lane == StoreSamples.opsLane })
            try await store.recordAttempt(delivery: opsHead.id, outcome: .delivered(DeliveryReceipt(messageID: "1")), at: StoreSamples.at(61))
            #expect(Set(try await dueNames(store, at: StoreSamples.at(62))) == ["uid-a/app/c0@slack-main/#dev", "uid-a/app/c3@slack-main/#ops"])
        }
    }

    public func suppressedAlertLeavesTheQueueWithoutDeliveries() async throws {
        try await database.withStore { store in
            try await store.commitDetection(cluster: "prod", incidents: [StoreSamples.incident("uid-a/app/c1")], podStates: [])
            let queued = try #require(try await store.incidentsAwaitingEnrichment(limit: 1).first)
            try await store.commitAlert(incident: queued.id, alert: StoreSamples.alert(for: queued), deliveries: [], suppression: "flood control", at: StoreSamples.at(1))
            #expect(try await store.incidentsAwaitingEnrichment(limit: 10).isEmpty)
            #expect(try await store.dueDeliveries(now: StoreSamples.at(100), limit: 10).isEmpty)
            #expect(try await store.nextDeliveryDue() == nil)
        }
    }

    /// An incident that is not (or no longer) in the store: the alert has nothing to attach to, and no
    /// delivery appears.
    public func commitAlertForAnUnknownIncidentDoesNothing() async throws {
        try await database.withStore { store in
            let alert = Alert(id: "x", kind: .crashed, cluster: "prod", namespace: "shop", pod: "api", occurredAt: StoreSamples.start)
            try await store.commitAlert(
                incident: 4_242, alert: alert, deliveries: [PlannedDelivery(lane: StoreSamples.opsLane, threadKey: nil)], suppression: nil,
                at: StoreSamples.start)
            #expect(try await store.dueDeliveries(now: StoreSamples.at(10), limit: 10).isEmpty)
            #expect(try await store.nextDeliveryDue() == nil)
        }
    }
}
