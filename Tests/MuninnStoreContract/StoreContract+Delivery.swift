import Foundation
import MuninnCore
import Testing

extension StoreContract {
    public func lanesKeepTheirOrder() async throws {
        try await database.withStore { store in
            let (ops, dev, webhook) = (StoreSamples.opsLane, StoreSamples.devLane, StoreSamples.webhookLane)
            try await queueAlerted(store, "a", lanes: [ops, dev], at: StoreSamples.at(0))
            try await queueAlerted(store, "b", lanes: [ops], at: StoreSamples.at(1))
            try await queueAlerted(store, "c", lanes: [webhook], at: StoreSamples.at(2))
            let now = StoreSamples.at(10)
            #expect(try await dueNames(store, at: now) == ["a@slack-main/#ops", "a@slack-main/#dev", "c@webhook/-"])
            #expect(try await dueNames(store, at: now, limit: 2) == ["a@slack-main/#ops", "a@slack-main/#dev"])

            // A head waiting for its retry holds back its lane, and only its lane.
            let opsHead = try #require(try await store.dueDeliveries(now: now, limit: 1).first)
            try await store.recordAttempt(delivery: opsHead.id, outcome: .retry(error: "rate limited", next: StoreSamples.at(70)), at: now)
            #expect(try await dueNames(store, at: now) == ["a@slack-main/#dev", "c@webhook/-"])

            let retried = try #require(try await store.dueDeliveries(now: StoreSamples.at(70), limit: 10).first)
            #expect(retried.id == opsHead.id && retried.attempts == 1 && retried.lastError == "rate limited")
            #expect(retried.nextAttemptAt == StoreSamples.at(70))

            try await store.recordAttempt(delivery: opsHead.id, outcome: .delivered(DeliveryReceipt(messageID: "1.1")), at: StoreSamples.at(70))
            #expect(try await dueNames(store, at: StoreSamples.at(70)) == ["a@slack-main/#dev", "b@slack-main/#ops", "c@webhook/-"])
        }
    }

    /// Deliveries being recorded are passed over: the next in their lane is its head, in order, and the lane's
    /// later deliveries stay behind it.
    public func deliveriesInFlightArePassedOver() async throws {
        try await database.withStore { store in
            let (ops, webhook) = (StoreSamples.opsLane, StoreSamples.webhookLane)
            for (index, name) in ["a", "b", "c"].enumerated() {
                try await queueAlerted(store, name, lanes: [webhook], at: StoreSamples.at(index))
            }
            try await queueAlerted(store, "d", lanes: [ops], at: StoreSamples.at(3))
            let now = StoreSamples.at(10)
            let heads = try await store.dueDeliveries(now: now, limit: 10)
            #expect(heads.map(\.alert.id) == ["a", "d"])
            let a = try #require(heads.first)
            let afterA = try await store.dueDeliveries(now: now, limit: 10, excluding: [a.id])
            #expect(afterA.map(\.alert.id) == ["b", "d"])
            let b = try #require(afterA.first)
            #expect(try await store.dueDeliveries(now: now, limit: 10, excluding: [a.id, b.id]).map(\.alert.id) == ["c", "d"])
            // Once a is recorded it is no longer pending, in flight or not.
            try await store.recordAttempt(delivery: a.id, outcome: .delivered(DeliveryReceipt(messageID: "1")), at: now)
            #expect(try await store.dueDeliveries(now: now, limit: 10, excluding: [b.id]).map(\.alert.id) == ["c", "d"])
            #expect(try await store.dueDeliveries(now: now, limit: 10).map(\.alert.id) == ["b", "d"])
        }
    }

    /// A batch of outcomes lands as each would alone: delivered and failed end their delivery, a retry waits, and an
    /// outcome for a delivery that already ended changes nothing.
    public func attemptsAreRecordedInABatch() async throws {
        try await database.withStore { store in
            let (ops, dev, webhook) = (StoreSamples.opsLane, StoreSamples.devLane, StoreSamples.webhookLane)
            try await queueAlerted(store, "a", lanes: [ops, dev, webhook], at: StoreSamples.at(0))
            let due = try await store.dueDeliveries(now: StoreSamples.at(1), limit: 10)
            let byLane = Dictionary(uniqueKeysWithValues: due.map { ($0.lane, $0.id) })
            let (toOps, toDev, toWebhook) = (try #require(byLane[ops]), try #require(byLane[dev]), try #require(byLane[webhook]))
            try await store.recordAttempts([
                DeliveryAttempt(delivery: toOps, outcome: .delivered(DeliveryReceipt(messageID: "1.1")), at: StoreSamples.at(2)),
                DeliveryAttempt(delivery: toDev, outcome: .retry(error: "HTTP 503", next: StoreSamples.at(60)), at: StoreSamples.at(2)),
                DeliveryAttempt(delivery: toWebhook, outcome: .failed(error: "HTTP 410"), at: StoreSamples.at(2)),
                // Ended a moment ago in this same batch: ignored.
                DeliveryAttempt(delivery: toOps, outcome: .failed(error: "late"), at: StoreSamples.at(3)),
            ])
            #expect(try await dueNames(store, at: StoreSamples.at(59)).isEmpty)
            let retried = try #require(try await store.dueDeliveries(now: StoreSamples.at(60), limit: 10).first)
            #expect(retried.id == toDev && retried.attempts == 1 && retried.lastError == "HTTP 503")
            #expect(try await store.threadParent(lane: ops, threadKey: "t", since: StoreSamples.at(0)) == nil)
            #expect(try await store.dueDeliveries(now: StoreSamples.at(1_000), limit: 10).map(\.id) == [toDev])
        }
    }

    public func dueTimeIsRespected() async throws {
        try await database.withStore { store in
            try await queueAlerted(store, "a", lanes: [StoreSamples.opsLane], at: StoreSamples.at(100))
            #expect(try await store.dueDeliveries(now: StoreSamples.at(99), limit: 10).isEmpty)
            let due = try #require(try await store.dueDeliveries(now: StoreSamples.at(100), limit: 10).first)

            try await store.recordAttempt(delivery: due.id, outcome: .retry(error: "timeout", next: StoreSamples.at(130)), at: StoreSamples.at(100))
            #expect(try await store.dueDeliveries(now: StoreSamples.at(129), limit: 10).isEmpty)
            #expect(try await store.dueDeliveries(now: StoreSamples.at(130), limit: 10).map(\.id) == [due.id])
        }
    }

    public func nextDeliveryDueFollowsLaneHeads() async throws {
        try await database.withStore { store in
            #expect(try await store.nextDeliveryDue() == nil)
            try await queueAlerted(store, "a", lanes: [StoreSamples.opsLane], at: StoreSamples.at(0))
            #expect(try await store.nextDeliveryDue() == StoreSamples.at(0))

            let head = try #require(try await store.dueDeliveries(now: StoreSamples.at(0), limit: 1).first)
            try await store.recordAttempt(delivery: head.id, outcome: .retry(error: "503", next: StoreSamples.at(30)), at: StoreSamples.at(0))
            #expect(try await store.nextDeliveryDue() == StoreSamples.at(30))

            // Queued behind the retrying head, due earlier, but it cannot go first.
            try await queueAlerted(store, "b", lanes: [StoreSamples.opsLane], at: StoreSamples.at(5))
            #expect(try await store.nextDeliveryDue() == StoreSamples.at(30))

            try await queueAlerted(store, "c", lanes: [StoreSamples.webhookLane], at: StoreSamples.at(10))
            #expect(try await store.nextDeliveryDue() == StoreSamples.at(10))

            for delivery in try await store.dueDeliveries(now: StoreSamples.at(30), limit: 10) {
                try await store.recordAttempt(delivery: delivery.id, outcome: .failed(error: "channel_not_found"), at: StoreSamples.at(30))
            }
            #expect(try await store.nextDeliveryDue() == StoreSamples.at(5))
            let last = try #require(try await store.dueDeliveries(now: StoreSamples.at(30), limit: 10).first)
            try await store.recordAttempt(delivery: last.id, outcome: .delivered(DeliveryReceipt()), at: StoreSamples.at(31))
            #expect(try await store.nextDeliveryDue() == nil)
        }
    }

    public func nextDeliveryDueSkipsBusyLanes() async throws {
        try await database.withStore { store in
            let (ops, dev, webhook) = (StoreSamples.opsLane, StoreSamples.devLane, StoreSamples.webhookLane)
            try await queueAlerted(store, "a", lanes: [ops], at: StoreSamples.at(0))
            try await queueAlerted(store, "b", lanes: [dev], at: StoreSamples.at(20))
            try await queueAlerted(store, "c", lanes: [webhook], at: StoreSamples.at(40))
            #expect(try await store.nextDeliveryDue(excluding: []) == StoreSamples.at(0))
            // #ops is being sent: the next free lane is #dev, then the webhook.
            #expect(try await store.nextDeliveryDue(excluding: [ops]) == StoreSamples.at(20))
            #expect(try await store.nextDeliveryDue(excluding: [ops, dev]) == StoreSamples.at(40))
            #expect(try await store.nextDeliveryDue(excluding: [ops, dev, webhook]) == nil)
            // A lane that has nothing pending changes nothing.
            #expect(try await store.nextDeliveryDue(excluding: [DeliveryLane(destination: "elsewhere", channel: nil)]) == StoreSamples.at(0))
        }
    }

    public func endedDeliveriesAreNotReturnedAgain() async throws {
        try await database.withStore { store in
            try await queueAlerted(store, "a", lanes: [StoreSamples.opsLane, StoreSamples.devLane], threadKey: "k", at: StoreSamples.at(0))
            let due = try await store.dueDeliveries(now: StoreSamples.at(0), limit: 10)
            try #require(due.count == 2)
            try await store.recordAttempt(
                delivery: due[0].id, outcome: .delivered(DeliveryReceipt(messageID: "1.1", channel: "C1")), at: StoreSamples.at(1))
            try await store.recordAttempt(delivery: due[1].id, outcome: .failed(error: "invalid_auth"), at: StoreSamples.at(1))
            #expect(try await store.dueDeliveries(now: StoreSamples.at(1_000), limit: 10).isEmpty)

            // An attempt recorded on an ended delivery does not revive or change it.
            try await store.recordAttempt(delivery: due[0].id, outcome: .retry(error: "late", next: StoreSamples.at(2)), at: StoreSamples.at(2))
            try await store.recordAttempt(delivery: due[1].id, outcome: .retry(error: "late", next: StoreSamples.at(2)), at: StoreSamples.at(2))
            #expect(try await store.dueDeliveries(now: StoreSamples.at(1_000), limit: 10).isEmpty)
            #expect(try await store.threadParent(lane: StoreSamples.opsLane, threadKey: "k", since: StoreSamples.start) == "1.1")

            // An attempt on a delivery that is not (or no longer) in the store changes nothing.
            try await store.recordAttempt(delivery: 9_999, outcome: .failed(error: "x"), at: StoreSamples.at(3))
            #expect(try await store.dueDeliveries(now: StoreSamples.at(1_000), limit: 10).isEmpty)
        }
    }

    public func threadParentIsTheLatestDeliveredMessage() async throws {
        try await database.withStore { store in
            let (ops, dev) = (StoreSamples.opsLane, StoreSamples.devLane)
            let key = "prod/shop/Deployment/api/app/OOMKilled"
            #expect(try await store.threadParent(lane: ops, threadKey: key, since: StoreSamples.start) == nil)

            try await deliver(store, "a", lane: ops, threadKey: key, messageID: "100.1", at: StoreSamples.at(100))
            try await deliver(store, "b", lane: ops, threadKey: key, messageID: "200.1", at: StoreSamples.at(200))
            // Delivered without a message id (a webhook), or failed: never a parent.
            try await deliver(store, "c", lane: ops, threadKey: key, messageID: nil, at: StoreSamples.at(300))
            try await queueAlerted(store, "d", lanes: [ops], threadKey: key, at: StoreSamples.at(400))
            let failing = try #require(try await store.dueDeliveries(now: StoreSamples.at(400), limit: 1).first)
            try await store.recordAttempt(delivery: failing.id, outcome: .failed(error: "msg_too_long"), at: StoreSamples.at(400))
            // Same key in another lane, and another key in this lane.
            try await deliver(store, "e", lane: dev, threadKey: key, messageID: "500.1", at: StoreSamples.at(500))
            try await deliver(store, "f", lane: ops, threadKey: "other", messageID: "600.1", at: StoreSamples.at(600))

            #expect(try await store.threadParent(lane: ops, threadKey: key, since: StoreSamples.at(0)) == "200.1")
            #expect(try await store.threadParent(lane: ops, threadKey: key, since: StoreSamples.at(200)) == "200.1")
            #expect(try await store.threadParent(lane: ops, threadKey: key, since: StoreSamples.at(201)) == nil)
            #expect(try await store.threadParent(lane: dev, threadKey: key, since: StoreSamples.at(0)) == "500.1")
            #expect(try await store.threadParent(lane: StoreSamples.webhookLane, threadKey: key, since: StoreSamples.at(0)) == nil)
        }
    }

    /// Queues one alert in `lane` and records its delivery at `date`.
    private func deliver(_ store: any OutboxStore, _ identity: String, lane: DeliveryLane, threadKey: String, messageID: String?, at date: Date)
        async throws
    {
        try await queueAlerted(store, identity, lanes: [lane], threadKey: threadKey, at: date)
        let due = try #require(try await store.dueDeliveries(now: date, limit: 100).first { $0.alert.id == identity })
        #expect(due.threadKey == threadKey)
        try await store.recordAttempt(delivery: due.id, outcome: .delivered(DeliveryReceipt(messageID: messageID)), at: date)
    }
}
