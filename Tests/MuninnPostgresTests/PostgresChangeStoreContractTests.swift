import MuninnStoreContract
import Testing

/// The change store contract on PostgreSQL, each test with a fresh database on the test server.
@Suite(.timeLimit(.minutes(1)))
struct PostgresChangeStoreContractTests {
    private func contract(_ check: (ChangeContract) async throws -> Void) async throws {
        try await TemporaryPostgresDatabase.with { try await check(ChangeContract($0)) }
    }

    @Test func baselinesAreKeptPerClusterAndResource() async throws { try await contract { try await $0.baselinesAreKeptPerClusterAndResource() } }
    @Test func baselineIsReplacedAndRemoved() async throws { try await contract { try await $0.baselineIsReplacedAndRemoved() } }
    @Test func changesRoundTripAndAreAppendedOncePerID() async throws { try await contract { try await $0.changesRoundTripAndAreAppendedOncePerID() } }
    @Test func queriesFilterNewestFirst() async throws { try await contract { try await $0.queriesFilterNewestFirst() } }
    @Test func dataSurvivesReopening() async throws { try await contract { try await $0.dataSurvivesReopening() } }
    @Test func retentionPrunesOldChanges() async throws { try await contract { try await $0.retentionPrunesOldChanges() } }
}
