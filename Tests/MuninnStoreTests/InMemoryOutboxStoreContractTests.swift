import MuninnStoreContract
import Testing

/// The store contract on the in-memory fake the pipeline tests use, so it cannot drift from the real stores.
@Suite(.timeLimit(.minutes(1)))
struct InMemoryOutboxStoreContractTests {
    private func contract(_ check: (StoreContract) async throws -> Void) async throws {
        try await check(StoreContract(InMemoryContractDatabase()))
    }

    @Test func firstStartHasNoSavedState() async throws { try await contract { try await $0.firstStartHasNoSavedState() } }
    @Test func savedEmptyStateIsNotAFirstStart() async throws { try await contract { try await $0.savedEmptyStateIsNotAFirstStart() } }
    @Test func detectorMemoryRoundTripsAndForgets() async throws { try await contract { try await $0.detectorMemoryRoundTripsAndForgets() } }
    @Test func largeMemoryBatchesRoundTrip() async throws { try await contract { try await $0.largeMemoryBatchesRoundTrip() } }
    @Test func duplicateIdentitiesAreIgnored() async throws { try await contract { try await $0.duplicateIdentitiesAreIgnored() } }
    @Test func memoryAppliesEvenWhenAllIncidentsAreReplays() async throws {
        try await contract { try await $0.memoryAppliesEvenWhenAllIncidentsAreReplays() }
    }
    @Test func awaitingEnrichmentIsOldestFirstAndLimited() async throws {
        try await contract { try await $0.awaitingEnrichmentIsOldestFirstAndLimited() }
    }
    @Test func commitAlertIsIdempotent() async throws { try await contract { try await $0.commitAlertIsIdempotent() } }
    @Test func commitAlertsStoresABatchInOrder() async throws { try await contract { try await $0.commitAlertsStoresABatchInOrder() } }
    @Test func suppressedAlertLeavesTheQueueWithoutDeliveries() async throws {
        try await contract { try await $0.suppressedAlertLeavesTheQueueWithoutDeliveries() }
    }
    @Test func commitAlertForAnUnknownIncidentDoesNothing() async throws {
        try await contract { try await $0.commitAlertForAnUnknownIncidentDoesNothing() }
    }
    @Test func lanesKeepTheirOrder() async throws { try await contract { try await $0.lanesKeepTheirOrder() } }
    @Test func deliveriesInFlightArePassedOver() async throws { try await contract { try await $0.deliveriesInFlightArePassedOver() } }
    @Test func attemptsAreRecordedInABatch() async throws { try await contract { try await $0.attemptsAreRecordedInABatch() } }
    @Test func dueTimeIsRespected() async throws { try await contract { try await $0.dueTimeIsRespected() } }
    @Test func pendingDeliveriesAreCounted() async throws { try await contract { try await $0.pendingDeliveriesAreCounted() } }
    @Test func nextDeliveryDueFollowsLaneHeads() async throws { try await contract { try await $0.nextDeliveryDueFollowsLaneHeads() } }
    @Test func nextDeliveryDueSkipsBusyLanes() async throws { try await contract { try await $0.nextDeliveryDueSkipsBusyLanes() } }
    @Test func endedDeliveriesAreNotReturnedAgain() async throws { try await contract { try await $0.endedDeliveriesAreNotReturnedAgain() } }
    @Test func threadParentIsTheLatestDeliveredMessage() async throws {
        try await contract { try await $0.threadParentIsTheLatestDeliveredMessage() }
    }
    @Test func dataSurvivesReopening() async throws { try await contract { try await $0.dataSurvivesReopening() } }
    @Test func cancelledCommitsAreAllOrNothing() async throws { try await contract { try await $0.cancelledCommitsAreAllOrNothing() } }
    @Test func concurrentCommitsLoseNothing() async throws { try await contract { try await $0.concurrentCommitsLoseNothing() } }
}
