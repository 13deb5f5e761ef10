import MuninnCore
import MuninnStoreContract
import MuninnTesting

/// The pipeline tests' in-memory fake as a contract database: "reopening" hands back the same instance,
/// so the fake is held to the same behaviour as the real stores.
struct InMemoryContractDatabase: ContractDatabase {
    let store = InMemoryOutboxStore(now: { StoreSamples.queueTime })

    func withStore(_ body: (any OutboxStore) async throws -> Void) async throws {
        try await body(store)
    }
}
