import Foundation

/// The read side of the incident history, and its retention: what the CLI (`muninn incidents`) and the
/// dashboard ask of a store. Every incident the outbox queued is history; nothing here changes the outbox
/// except `prune`, which never removes an incident the pipeline still needs.
///
/// Implementations: `SQLiteStore` (FTS5 trigram search) and `PostgresStore` (pg_trgm). Methods are safe to call
/// concurrently with the pipeline's writes.
///
/// ```swift
/// var query = IncidentQuery(namespace: "shop", search: "NullPointerException", limit: 20)
/// let page = try await store.incidents(query)
/// query.cursor = page.nextCursor  // the next 20, stable while new incidents arrive
/// ```
public protocol HistoryStore: Sendable {
    /// Incidents matching `query`, newest first (by `occurredAt`, then id), at most `query.limit`.
    func incidents(_ query: IncidentQuery) async throws(StoreError) -> IncidentPage

    /// One incident in full with its deliveries, or nil when there is no incident `id` (never stored, or pruned).
    func incident(id: Int64) async throws(StoreError) -> IncidentRecord?

    /// How many incidents matching `query` (its limit and cursor ignored) happened per UTC hour or day, split by reason.
    func buckets(_ query: IncidentQuery, by size: IncidentBuckets.Size) async throws(StoreError) -> IncidentBuckets

    /// The workloads (bare pods count as their own workload) with the most incidents matching `query`
    /// (its limit and cursor ignored), most first, at most `limit`.
    func topWorkloads(_ query: IncidentQuery, limit: Int) async throws(StoreError) -> [WorkloadCrashCount]

    /// Removes incidents (and their deliveries) older than the policy's age, then the oldest until the
    /// history fits its size. Never removes an incident still waiting for enrichment or with a pending
    /// delivery: those are counted in `PruneResult.keptInFlight`.
    func prune(_ policy: RetentionPolicy, now: Date) async throws(StoreError) -> PruneResult
}
