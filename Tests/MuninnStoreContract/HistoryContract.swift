import Foundation
import MuninnCore
import MuninnTesting
import Testing

/// The behaviour every `HistoryStore` promises, one function per behaviour, over a store filled through
/// its `OutboxStore` methods only, so the SQLite and PostgreSQL stores run the very same checks.
public struct HistoryContract {
    public let database: any HistoryContractDatabase

    public init(_ database: any HistoryContractDatabase) {
        self.database = database
    }

    /// A store holding `HistoryFixture.samples` (and `extra`); `ids` maps sample names to store ids.
    public func withFilledStore(
        extra: [HistoryFixture.Sample] = [], _ body: (any OutboxStore & HistoryStore, [String: Int64]) async throws -> Void
    ) async throws {
        try await database.withHistoryStore { store in
            let ids = try await HistoryFixture.fill(store, samples: HistoryFixture.samples + extra)
            try await body(store, ids)
        }
    }

    /// The size the store reports for its whole history, from a prune with nothing to remove.
    public static func totalBytes(_ store: any HistoryStore) async throws -> Int {
        try await store.prune(RetentionPolicy(), now: HistoryFixture.start).bytesRemaining
    }
}
