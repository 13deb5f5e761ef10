import Foundation
import Logging
import MuninnCore
import PostgresNIO

extension PostgresStore {
    public func dueDeliveries(now: Date, limit: Int, excluding inFlight: Set<PendingDelivery.ID>) async throws(StoreError) -> [PendingDelivery] {
        guard limit > 0 else { return [] }
        return try await perform("could not read the deliveries due") { database in
            let rows = try await database.withConnection { runner in
                try await runner.rows(PostgresQueries.dueDeliveries(now: EpochMilliseconds(now), limit: limit, excluding: inFlight.sorted()))
            }
            let json = StoredJSON()
            var due: [PendingDelivery] = []
            var unreadable: [(id: Int64, error: String)] = []
            for row in rows.map(StoredRow.init) {
                let id = try row.integer("id")
                do {
                    let alert = try json.value(Alert.self, from: try row.text("alert"))
                    due.append(
                        PendingDelivery(
                            id: id, lane: DeliveryLane(destination: try row.text("destination"), channel: try row.optionalText("channel")),
                            threadKey: try row.optionalText("thread_key"), alert: alert, attempts: Int(try row.integer("attempts")),
                            queuedAt: try row.date("queued_at"), nextAttemptAt: try row.date("next_attempt_at"),
                            lastError: try row.optionalText("last_error")))
                } catch {
                    unreadable.append((id, "\(error)"))
                }
            }
            if !unreadable.isEmpty {
                try await fail(unreadable, at: now, database: database)
            }
            return due
        }
    }

    /// Marks deliveries whose alert cannot be read as failed, visibly, so they do not hold their lane forever.
    private func fail(_ unreadable: [(id: Int64, error: String)], at now: Date, database: PooledDatabase) async throws {
        let logger = logger
        try await database.transaction { runner in
            for (id, error) in unreadable {
                logger.error("failing a delivery whose stored alert is unreadable", metadata: ["delivery": "\(id)", "error": "\(error)"])
                try await runner.execute(
                    """
                    UPDATE deliveries SET status = 'failed', last_attempt_at = \(EpochMilliseconds(now).value),
                        last_error = \(StorableText.text(ErrorText.capped("stored alert unreadable: \(error)")))
                    WHERE id = \(id) AND status = 'pending'
                    """)
            }
        }
    }

    public func nextDeliveryDue(excluding lanes: Set<DeliveryLane>) async throws(StoreError) -> Date? {
        try await perform("could not read when the next delivery is due") { database in
            guard !lanes.isEmpty else {
                let rows = try await database.withConnection { runner in try await runner.rows(PostgresQueries.nextDeliveryDue) }
                return try rows.first.flatMap { try StoredRow($0).optionalDate("due") }
            }
            // Ordered by due time, one row more than there are busy lanes is enough to find a free one.
            let busy = Set(lanes.map(\.storeKey))
            let rows = try await database.withConnection { runner in
                try await runner.rows(PostgresQueries.lanesByDueTime(limit: busy.count + 1))
            }.map(StoredRow.init)
            return try rows.first { !busy.contains(try $0.text("lane")) }.flatMap { try $0.optionalDate("due") }
        }
    }

    public func recordAttempt(delivery: PendingDelivery.ID, outcome: DeliveryOutcome, at: Date) async throws(StoreError) {
        try await perform("could not record the attempt of delivery \(delivery)") { database in
            let now = EpochMilliseconds(at).value
            let update: PostgresQuery
            // Only a pending delivery changes: one that already ended keeps its outcome (an attempt cannot undo
            // "delivered"), and the condition is checked under the row's lock, so concurrent callers cannot both win.
            switch outcome {
            case .delivered(let receipt):
                update = """
                    UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_attempt_at = \(now), delivered_at = \(now),
                        message_id = \(StorableText.text(receipt.messageID)), receipt = \(try StoredJSON.text(receipt))::jsonb
                    WHERE id = \(delivery) AND status = 'pending'
                    RETURNING id
                    """
            case .retry(let error, let next):
                update = """
                    UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = \(now), next_attempt_at = \(EpochMilliseconds(next).value),
                        last_error = \(StorableText.text(ErrorText.capped(error)))
                    WHERE id = \(delivery) AND status = 'pending'
                    RETURNING id
                    """
            case .failed(let error):
                update = """
                    UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_attempt_at = \(now),
                        last_error = \(StorableText.text(ErrorText.capped(error)))
                    WHERE id = \(delivery) AND status = 'pending'
                    RETURNING id
                    """
            }
            let logger = logger
            try await database.withConnection { runner in
                guard try await runner.rows(update).isEmpty else { return }
                let status = try await runner.rows("SELECT status FROM deliveries WHERE id = \(delivery)").first.map {
                    try StoredRow($0).text("status")
                }
                if let status {
                    logger.warning(
                        "ignoring an attempt on a delivery that already ended", metadata: ["delivery": "\(delivery)", "status": "\(status)"])
                } else {
                    // Pruned with its incident while it was being sent: nothing left to record on.
                    logger.warning("ignoring an attempt on a delivery that is not in the store", metadata: ["delivery": "\(delivery)"])
                }
            }
        }
    }

    public func threadParent(lane: DeliveryLane, threadKey: String, since: Date) async throws(StoreError) -> String? {
        try await perform("could not look up the thread of \(threadKey) in \(lane)") { database in
            let rows = try await database.withConnection { runner in
                try await runner.rows(
                    PostgresQueries.threadParent(lane: lane.storeKey, threadKey: StorableText.text(threadKey), since: EpochMilliseconds(since)))
            }
            return try rows.first.flatMap { try StoredRow($0).optionalText("message_id") }
        }
    }
}
