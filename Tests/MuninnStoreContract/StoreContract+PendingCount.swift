import Foundation
import MuninnCore
import Testing

extension StoreContract {
    /// What a shutdown reports as left for the next start: deliveries neither delivered nor failed, retries included.
    public func pendingDeliveriesAreCounted() async throws {
        try await database.withStore { store in
            let counting = try #require(store as? any PendingDeliveryCounting, "the store cannot count its pending deliveries")
            #expect(try await counting.pendingDeliveryCount() == 0)
            let (ops, dev) = (StoreSamples.opsLane, StoreSamples.devLane)
            _ = try await queueAlerted(store, "a", lanes: [ops, dev], at: StoreSamples.at(0))
            _ = try await queueAlerted(store, "b", lanes: [ops], at: StoreSamples.at(1))
            #expect(try await counting.pendingDeliveryCount() == 3)

            let heads = try await store.dueDeliveries(now: StoreSamples.at(10), limit: 10)
            #expect(heads.count == 2)
            try await store.recordAttempt(delivery: heads[0].id, outcome: .delivered(DeliveryReceipt(messageID: "1.1")), at: StoreSamples.at(10))
            try await store.recordAttempt(delivery: heads[1].id, outcome: .retry(error: "HTTP 503", next: StoreSamples.at(70)), at: StoreSamples.at(10))
            #expect(try await counting.pendingDeliveryCount() == 2)
            try await store.recordAttempt(delivery: heads[1].id, outcome: .failed(error: "channel_not_found"), at: StoreSamples.at(70))
            #expect(try await counting.pendingDeliveryCount() == 1)
        }
    }
}
