import Foundation
import MuninnCore
import MuninnStoreContract
import MuninnTesting
import SQLiteNIO
import Testing

@testable import MuninnStore

/// Lists and filters over a store filled through the real outbox methods.
@Suite(.timeLimit(.minutes(1)))
struct HistoryQueryTests {
    @Test func cursorsRoundTripAsText() throws {
        let cursor = IncidentCursor(occurredAtMilliseconds: 1_795_161_600_000, id: 42)
        #expect(IncidentCursor(cursor.description) == cursor)
        #expect(IncidentCursor("-5000-7") == IncidentCursor(occurredAtMilliseconds: -5_000, id: 7))
        for bad in ["", "42", "x-1", "1-x", "1--1", "-1"] { #expect(IncidentCursor(bad) == nil, "\(bad)") }
    }

    @Test func aDamagedRecordIsShownWithItsProblemNotHidden() async throws {
        try await HistoryDatabase.withFilledStore { store, ids in
            let id = try ids.id("oom")
            _ = try await store.rawRows("UPDATE incidents SET alert = '{\"broken' WHERE id = ?", [.integer(Int(id))])
            let record = try #require(try await store.incident(id: id))
            #expect(record.alert == nil && record.problems.count == 1 && record.summary.reason == "OOMKilled")
            // The list still shows it (message from the detected incident) and the others.
            #expect(try await store.incidents(IncidentQuery()).items.count == 6)
            #expect(try await store.allNames(IncidentQuery(search: "OutOfMemoryError"), ids: ids) == [])
        }
    }
}
