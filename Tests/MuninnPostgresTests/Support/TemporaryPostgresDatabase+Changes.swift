import MuninnCore
import MuninnStoreContract

extension TemporaryPostgresDatabase: ChangeContractDatabase {
    func withChangeStore(_ body: (any ChangeStore) async throws -> Void) async throws {
        try await withPostgresStore { try await body($0) }
    }
}
