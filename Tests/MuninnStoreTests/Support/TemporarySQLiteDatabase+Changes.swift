import MuninnCore
import MuninnStore
import MuninnStoreContract

extension TemporarySQLiteDatabase: ChangeContractDatabase {
    func withChangeStore(_ body: (any ChangeStore) async throws -> Void) async throws {
        try await withSQLiteStore { try await body($0) }
    }
}
