import Foundation
import Logging
import MuninnCore
import SQLiteNIO

extension SQLiteStore {
    public func dueDeliveries(now: Date, limit: Int, excluding inFlight: Set<PendingDelivery.ID>) async throws(StoreError) -> [PendingDelivery] {
        guard limit > 0 else { return [] }
        return try await perform("could not read the deliveries due") { connection in
            let rows = try await connection.read { runner in
                try await runner.rows(
                    StoreQueries.dueDeliveries(excluding: inFlight.count),
                    [EpochMilliseconds(now).sqlite, .integer(limit)] + inFlight.sorted().map { .integer(Int($0)) })
            }
            var due: [PendingDelivery] = []
            var unreadable: [(id: Int, error: String)] = []
            for row in rows.map(StoredRow.init) {
                let id = try row.integer("id")
                do {
                    let alert = try StoredJSON.value(Alert.self, from: try row.text("alert"))
                    due.append(
                        PendingDelivery(
                            id: Int64(id), lane: DeliveryLane(destination: try row.text("destination"), channel: row.optionalText("channel")),
                            threadKey: row.optionalText("thread_key"), alert: alert, attempts: try row.integer("attempts"),
                            queuedAt: try row.date("queued_at"), nextAttemptAt: try row.date("next_attempt_at"),
                            lastError: row.optionalText("last_error")))
                } catch {
                    unreadable.append((id, "\(error)"))
                }
            }
            if !unreadable.isEmpty {
                try await fail(unreadable, at: now, connection: connection)
            }
            return due
        }
    }

    /// Marks deliveries whose alert cannot be read as failed, visibly, so they do not hold their lane forever.
    private func fail(_ unreadable: [(id: Int, error: String)], at now: Date, connection: SerializedConnection) async throws {
        try await connection.writeTransaction { runner in
            for (id, error) in unreadable {
                logger.error("failing a delivery whose stored alert is unreadable", metadata: ["delivery": "\(id)", "error": "\(error)"])
                try await runner.execute(
                    "UPDATE deliveries SET status = 'failed', last_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                    [EpochMilliseconds(now).sqlite, .text(ErrorText.capped("stored alert unreadable: \(error)")), .integer(id)])
            }
        }
    }

    public func nextDeliveryDue(excluding lanes: Set<DeliveryLane>) async throws(StoreError) -> Date? {
        try await perform("could not read when the next delivery is due") { connection in
            try await connection.read { runner in
                guard !lanes.isEmpty else {
                    let earliest = try await runner.scalar(StoreQueries.nextDeliveryDue)
                    return earliest?.integer.map { EpochMilliseconds(value: $0).date }
                }
                // Ordered by due time, one row more than there are busy lanes is enough to find a free one.
                let busy = Set(lanes.map(\.storeKey))
                let rows = try await runner.rows(StoreQueries.lanesByDueTime, [.integer(busy.count + 1)]).map(StoredRow.init)
                return try rows.first { !busy.contains(try $0.text("lane")) }.map { try $0.date("next_attempt_at") }
            }
        }
    }

    public func recordAttempt(delivery: PendingDelivery.ID, outcome: DeliveryOutcome, at: Date) async throws(StoreError) {
        try await recordAttempts([DeliveryAttempt(delivery: delivery, outcome: outcome, at: at)])
    }

    /// All in one transaction, one statement each: the delivery stage hands over every outcome that arrived while the
    /// last batch was being written.
    public func recordAttempts(_ attempts: [DeliveryAttempt]) async throws(StoreError) {
        guard !attempts.isEmpty else { return }
        try await perform(attempts.storeAction) { connection in
            let ids = attempts.map(\.delivery)
            if Set(ids).count == ids.count {
                let statements = try OutcomeStatements.batched(attempts)
                try await connection.writeTransaction { runner in
                    var recorded = Set<Int>()
                    for statement in statements {
                        recorded.formUnion(try await runner.rows(statement.sql, statement.binds).map { try StoredRow($0).integer("id") })
                    }
                    for delivery in ids where !recorded.contains(Int(delivery)) {
                        try await warnAboutUnrecorded(delivery, runner: runner)
                    }
                }
                return
            }
            // The same delivery twice in one batch (not something the delivery stage hands over): one at a time, in order.
            let statements = try attempts.map { ($0.delivery, try Self.recordStatement($0)) }
            try await connection.writeTransaction { runner in
                for (delivery, statement) in statements {
                    // Only a pending delivery takes the outcome: one that already ended keeps it ("delivered" cannot be
                    // undone), and one pruned with its incident while it was being sent has nothing to record on.
                    guard try await runner.rows(statement.sql, statement.binds).isEmpty else { continue }
                    try await warnAboutUnrecorded(delivery, runner: runner)
                }
            }
        }
    }

    /// Only a pending delivery takes an outcome; says why this one did not.
    private func warnAboutUnrecorded(_ delivery: PendingDelivery.ID, runner: StatementRunner) async throws {
        let status = try await runner.scalar("SELECT status FROM deliveries WHERE id = ?", [.integer(Int(delivery))])
        if let status {
            logger.warning("ignoring an attempt on a delivery that already ended", metadata: ["delivery": "\(delivery)", "status": "\(status)"])
        } else {
            logger.warning("ignoring an attempt on a delivery that is not in the store", metadata: ["delivery": "\(delivery)"])
        }
    }

    /// The UPDATE that records `attempt` on a pending delivery, returning its id when it did.
    private static func recordStatement(_ attempt: DeliveryAttempt) throws -> (sql: String, binds: [SQLiteData]) {
        let id = SQLiteData.integer(Int(attempt.delivery))
        let now = EpochMilliseconds(attempt.at).sqlite
        switch attempt.outcome {
        case .delivered(let delivered):
            let receipt = try StoredJSON.text(delivered)
            return (
                """
                UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?, delivered_at = ?,
                    message_id = ?, receipt = ?
                WHERE id = ? AND status = 'pending' RETURNING id
                """, [now, now, delivered.messageID.map(SQLiteData.text) ?? .null, .text(receipt), id]
            )
        case .retry(let error, let next):
            return (
                """
                UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = ?, last_error = ?
                WHERE id = ? AND status = 'pending' RETURNING id
                """, [now, EpochMilliseconds(next).sqlite, .text(ErrorText.capped(error)), id]
            )
        case .failed(let error):
            return (
                """
                UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_attempt_at = ?, last_error = ?
                WHERE id = ? AND status = 'pending' RETURNING id
                """, [now, .text(ErrorText.capped(error)), id]
            )
        }
    }

    public func threadParent(lane: DeliveryLane, threadKey: String, since: Date) async throws(StoreError) -> String? {
        try await perform("could not look up the thread of \(threadKey) in \(lane)") { connection in
            try await connection.read { runner in
                try await runner.scalar(StoreQueries.threadParent, [.text(lane.storeKey), .text(threadKey), EpochMilliseconds(since).sqlite])?
                    .string
            }
        }
    }
}
