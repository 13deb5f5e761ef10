import Foundation
import Logging
import MuninnCore
import MuninnStore

/// Reads facts of the filled history the checks need (when an incident happened).
enum BrowserDashboardRecords {
    static func occurredAt(_ history: BrowserHistory, id: Int64) async throws -> Date {
        try await SQLiteStore.withStore(path: history.storePath, logger: Logger(label: "browser.store")) { store in
            guard let record = try await store.incident(id: id) else { throw BrowserTestError("no incident \(id)") }
            return record.summary.occurredAt
        }
    }
}
