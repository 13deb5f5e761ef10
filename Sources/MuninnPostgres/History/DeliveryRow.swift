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
            id: try row.integer("id"), lane: DeliveryLane(destination: try row.text("destination"), channel: try row.optionalText("channel")),
            threadKey: try row.optionalText("thread_key"), status: status, attempts: Int(try row.integer("attempts")),
            queuedAt: try row.date("queued_at"), nextAttemptAt: try row.date("next_attempt_at"), lastAttemptAt: try row.optionalDate("last_attempt_at"),
            lastError: try row.optionalText("last_error"), deliveredAt: try row.optionalDate("delivered_at"),
            messageID: try row.optionalText("message_id"))
    }
}
