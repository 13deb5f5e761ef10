import MuninnCore
import SQLiteNIO

/// Delivery outcomes recorded a statement per kind of outcome, not one per delivery: the delivery stage hands over
/// every outcome that arrived while the last batch was written, and each statement is prepared anew and costs a trip
/// to SQLite's thread and back. Each statement updates only pending deliveries and returns the ids it recorded.
enum OutcomeStatements {
    /// Rows per statement; far below SQLite's bind limit.
    static let rowsPerStatement = 100

    /// The statements recording `attempts`, which name each delivery at most once (the caller checks: with a repeat,
    /// which of a statement's rows applies would be SQLite's choice).
    static func batched(_ attempts: [DeliveryAttempt]) throws -> [(sql: String, binds: [SQLiteData])] {
        var delivered: [[SQLiteData]] = []
        var retried: [[SQLiteData]] = []
        var failed: [[SQLiteData]] = []
        for attempt in attempts {
            let id = SQLiteData.integer(Int(attempt.delivery))
            let at = EpochMilliseconds(attempt.at).sqlite
            switch attempt.outcome {
            case .delivered(let receipt):
                delivered.append([id, at, receipt.messageID.map(SQLiteData.text) ?? .null, .text(try StoredJSON.text(receipt))])
            case .retry(let error, let next):
                retried.append([id, at, EpochMilliseconds(next).sqlite, .text(ErrorText.capped(error))])
            case .failed(let error):
                failed.append([id, at, .text(ErrorText.capped(error))])
            }
        }
        return statements(
            delivered, columns: "id, at, message_id, receipt",
            set: "status = 'delivered', attempts = attempts + 1, last_attempt_at = o.at, delivered_at = o.at, message_id = o.message_id, receipt = o.receipt")
            + statements(
                retried, columns: "id, at, next_attempt_at, last_error",
                set: "attempts = attempts + 1, last_attempt_at = o.at, next_attempt_at = o.next_attempt_at, last_error = o.last_error")
            + statements(
                failed, columns: "id, at, last_error", set: "status = 'failed', attempts = attempts + 1, last_attempt_at = o.at, last_error = o.last_error")
    }

    private static func statements(_ rows: [[SQLiteData]], columns: String, set: String) -> [(sql: String, binds: [SQLiteData])] {
        rows.chunks(of: rowsPerStatement).map { chunk in
            let width = chunk.first?.count ?? 0
            let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            let values = Array(repeating: row, count: chunk.count).joined(separator: ", ")
            return (
                """
                WITH o (\(columns)) AS (VALUES \(values))
                UPDATE deliveries SET \(set) FROM o
                WHERE deliveries.id = o.id AND deliveries.status = 'pending' RETURNING id
                """, chunk.flatMap { $0 }
            )
        }
    }
}
