import MuninnCore
import MuninnStoreContract
import MuninnTesting

@testable import MuninnPostgres

extension TemporaryPostgresDatabase: HistoryContractDatabase {
    /// The store with the history fixture's clock, as the SQLite side of the contract has.
    func withHistoryStore(_ body: (any OutboxStore & HistoryStore) async throws -> Void) async throws {
        try await PostgresStore.withStore(dsn: dsn, logger: PostgresTestServer.logger, now: { HistoryFixture.start }) { try await body($0) }
    }
}
