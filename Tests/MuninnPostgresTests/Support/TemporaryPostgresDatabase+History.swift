import MuninnCore
import MuninnStoreContract

extension TemporaryPostgresDatabase: HistoryContractDatabase {
    func withHistoryStore(_ body: (any OutboxStore & HistoryStore) async throws -> Void) async throws {
        try await withPostgresStore { try await body($0) }
    }
}
