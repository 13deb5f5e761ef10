import Foundation
import MuninnCore

/// Reads a row of `HistoryQueries.deliveries`.
enum DeliveryRow {
    static func record(_ row: StoredRow) throws -> DeliveryRecord {
        let statusText = try row.text("status")
        guard let status = DeliveryRecord.Status(rawValue: statusText) else {
            throw StoreError("stored delivery status \(statusText.debugDescription) is not one this Muninn knows")
        }
        return DeliveryRecord(
            id: Int64(try row.integer("id")), lane: DeliveryLane(destination: try row.text("destination"), channel: row.optionalText("channel")),
            threadKey: row.optionalText("thread_key"), status: status, attempts: try row.integer("attempts"), queuedAt: try row.date("queued_at"),
            nextAttemptAt: try row.date("next_attempt_at"),
            lastAttemptAt: row.optionalInteger("last_attempt_at").map { EpochMilliseconds(value: $0).date },
            lastError: row.optionalText("last_error"), deliveredAt: row.optionalInteger("delivered_at").map { EpochMilliseconds(value: $0).date },
            messageID: row.optionalText("message_id"))
    }
}
