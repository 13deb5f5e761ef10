import MuninnCore
import MuninnStoreContract
import MuninnTesting

/// The change watch tests' in-memory fake as a contract database: "reopening" hands back the same instance.
struct InMemoryChangeContractDatabase: ChangeContractDatabase {
    let store = InMemoryChangeStore()

    func withChangeStore(_ body: (any ChangeStore) async throws -> Void) async throws {
        try await body(store)
    }
}
