import MuninnCore
import PostgresNIO

extension PostgresStore: PendingDeliveryCounting {
    public func pendingDeliveryCount() async throws(StoreError) -> Int {
        try await perform("could not count the pending deliveries") { database in
            let rows = try await database.withConnection { runner in
                try await runner.rows("SELECT count(*) AS pending FROM deliveries WHERE status = 'pending'")
            }
            return Int(try rows.first.map { try StoredRow($0).integer("pending") } ?? 0)
        }
    }
}
