import Foundation
import MuninnCore
import MuninnStoreContract
import SQLiteNIO
import Testing

@testable import MuninnStore

/// A store that runs out of space (SQLite's SQLITE_FULL, the error a full disk gives, produced here with
/// `max_page_count`) or sits on a read-only file system: a clear error, nothing half-written, and the same
/// write succeeds once there is room again.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteStoreFullDiskTests {
    @Test func aFullStoreFailsClearlyKeepsWhatItHadAndRecoversWhenSpaceReturns() async throws {
        try await TemporarySQLiteDatabase.with { database in
            try await database.withSQLiteStore { store in
                _ = try await store.commitDetection(
                    cluster: "c", incidents: [StoreSamples.incident("before")], podStates: [StoreSamples.update(StoreSamples.podRecord("api-7d9f"))])
                let pages = try #require(try await store.rawScalar("PRAGMA page_count")?.integer)
                _ = try await store.rawRows("PRAGMA max_page_count = \(pages)")

                // A burst big enough to need new pages.
                let burst = (0..<200).map { StoreSamples.incident("burst-\($0)", pod: "pod-\($0)") }
                let states = (0..<200).map { StoreSamples.update(StoreSamples.podRecord("pod-\($0)")) }
                let error = await #expect(throws: StoreError.self) {
                    _ = try await store.commitDetection(cluster: "c", incidents: burst, podStates: states)
                }
                #expect(error?.message.lowercased().contains("full") == true, "\(error?.message ?? "")")

                // Nothing half-written, nothing damaged.
                #expect(try await store.rawScalar("PRAGMA integrity_check")?.string == "ok")
                let queued = try await store.incidentsAwaitingEnrichment(limit: 1000)
                #expect(queued.map(\.incident.identity) == ["before"])
                #expect(try await store.detectionState(cluster: "c")?.pods.count == 1)

                // Space returns: the same write goes through.
                _ = try await store.rawRows("PRAGMA max_page_count = 1073741823")
                _ = try await store.commitDetection(cluster: "c", incidents: burst, podStates: states)
                #expect(try await store.incidentsAwaitingEnrichment(limit: 1000).count == 201)
                #expect(try await store.detectionState(cluster: "c")?.pods.count == 201)
            }
        }
    }

    @Test func aReadOnlyFileSystemIsNamedWhenOpening() async throws {
        // /proc refuses new files even to root, as a read-only volume would.
        let path = "/proc/muninn-\(UUID().uuidString).db"
        do {
            let store = try await SQLiteStore.open(path: path, logger: TemporarySQLiteDatabase.logger)
            await store.close()
            Issue.record("opening a store under /proc succeeded")
        } catch {
            #expect(error.message.contains(path), "\(error.message)")
        }
    }
}
