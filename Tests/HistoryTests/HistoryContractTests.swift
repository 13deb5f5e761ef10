import MuninnStoreContract
import Testing

/// The history contract on SQLite, each test with a fresh store file.
@Suite(.timeLimit(.minutes(1)))
struct HistoryContractTests {
    private func contract(_ check: (HistoryContract) async throws -> Void) async throws {
        try await HistoryDatabase.with { try await check(HistoryContract($0)) }
    }

    @Test func findsFragmentsOfPanicsAndExceptions() async throws { try await contract { try await $0.findsFragmentsOfPanicsAndExceptions() } }
    @Test func textThatLooksLikeSyntaxIsJustText() async throws { try await contract { try await $0.textThatLooksLikeSyntaxIsJustText() } }
    @Test func wordsTooShortForTheIndexStillMatch() async throws { try await contract { try await $0.wordsTooShortForTheIndexStillMatch() } }
    @Test func searchCombinesWithFiltersAndPages() async throws { try await contract { try await $0.searchCombinesWithFiltersAndPages() } }
    @Test func resultsSayWhichLineMatched() async throws { try await contract { try await $0.resultsSayWhichLineMatched() } }
    @Test func listsNewestFirstWithWhatHappenedToEachAlert() async throws {
        try await contract { try await $0.listsNewestFirstWithWhatHappenedToEachAlert() }
    }
    @Test func everyFilterNarrowsTheList() async throws { try await contract { try await $0.everyFilterNarrowsTheList() } }
    @Test func pagesNeitherRepeatNorSkipWhileNewIncidentsArrive() async throws {
        try await contract { try await $0.pagesNeitherRepeatNorSkipWhileNewIncidentsArrive() }
    }
    @Test func oneIncidentInFull() async throws { try await contract { try await $0.oneIncidentInFull() } }
    @Test func countsPerDaySplitByReason() async throws { try await contract { try await $0.countsPerDaySplitByReason() } }
    @Test func hoursWithoutIncidentsAreThereAsZero() async throws { try await contract { try await $0.hoursWithoutIncidentsAreThereAsZero() } }
    @Test func bucketsLeaveRecoveriesOutWhenAsked() async throws { try await contract { try await $0.bucketsLeaveRecoveriesOutWhenAsked() } }
    @Test func workloadsThatCrashMost() async throws { try await contract { try await $0.workloadsThatCrashMost() } }
    @Test func pruneByAgeKeepsWhatIsInFlight() async throws { try await contract { try await $0.pruneByAgeKeepsWhatIsInFlight() } }
    @Test func pruneBySizeRemovesTheOldestFirst() async throws { try await contract { try await $0.pruneBySizeRemovesTheOldestFirst() } }
    @Test func aLimitNothingCanMeetRemovesAllButTheInFlight() async throws {
        try await contract { try await $0.aLimitNothingCanMeetRemovesAllButTheInFlight() }
    }
}
