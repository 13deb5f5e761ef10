import Foundation
import KubeJSON
import MuninnCore
import MuninnDashboard
import MuninnStore

/// Reads one page of incidents and prints it as the options say: shared by `list` and `search`.
enum IncidentPageOutput {
    static func print(_ query: IncidentQuery, history: HistoryOptions, write: (String) -> Void) async throws {
        let page = try await HistoryStoreAccess.withStore(path: history.store) { store in try await store.incidents(query) }
        switch history.output {
        case .json: write(HistoryJSON.page(page).serializedString())
        case .table: HistoryText.page(page, searching: !query.searchTerms.isEmpty).forEach(write)
        }
    }
}
