import MuninnStoreContract
import Testing

/// The change store contract on the in-memory fake the change watch tests use, so it cannot drift from the real stores.
@Suite(.timeLimit(.minutes(1)))
struct InMemoryChangeStoreContractTests {
    private func contract(_ check: (ChangeContract) async throws -> Void) async throws {
        try await check(ChangeContract(InMemoryChangeContractDatabase()))
    }

    @Test func baselinesAreKeptPerClusterAndResource() async throws { try await contract { try await $0.baselinesAreKeptPerClusterAndResource() } }
    @Test func baselineIsReplacedAndRemoved() async throws { try await contract { try await $0.baselineIsReplacedAndRemoved() } }
    @Test func changesRoundTripAndAreAppendedOncePerID() async throws { try await contract { try await $0.changesRoundTripAndAreAppendedOncePerID() } }
    @Test func queriesFilterNewestFirst() async throws { try await contract { try await $0.queriesFilterNewestFirst() } }
    @Test func dataSurvivesReopening() async throws { try await contract { try await $0.dataSurvivesReopening() } }
}
