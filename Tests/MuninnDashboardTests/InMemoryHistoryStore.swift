import Foundation
import MuninnCore

/// An empty history, for tests that only build a service.
struct InMemoryHistoryStore: HistoryStore {
    func incidents(_ query: IncidentQuery) async throws(StoreError) -> IncidentPage { IncidentPage(items: [], nextCursor: nil) }
    func incident(id: Int64) async throws(StoreError) -> IncidentRecord? { nil }
    func buckets(_ query: IncidentQuery, by size: IncidentBuckets.Size) async throws(StoreError) -> IncidentBuckets {
        IncidentBuckets(size: size, buckets: [], reasons: [])
    }
    func topWorkloads(_ query: IncidentQuery, limit: Int) async throws(StoreError) -> [WorkloadCrashCount] { [] }
    func prune(_ policy: RetentionPolicy, now: Date) async throws(StoreError) -> PruneResult { PruneResult() }
}
