import MuninnCore
import SQLiteNIO

extension SQLiteStore: PendingDeliveryCounting {
    public func pendingDeliveryCount() async throws(StoreError) -> Int {
        try await perform("could not count the pending deliveries") { connection in
            let count = try await connection.read { runner in
                try await runner.scalar("SELECT count(*) FROM deliveries WHERE status = 'pending'")
            }
            return count?.integer ?? 0
        }
    }
}
