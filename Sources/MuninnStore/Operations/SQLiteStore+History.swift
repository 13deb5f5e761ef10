import Foundation
import Logging
import MuninnCore
import SQLiteNIO

extension SQLiteStore: HistoryStore {
    public func incidents(_ query: IncidentQuery) async throws(StoreError) -> IncidentPage {
        try await bringSearchUpToDate(for: query)
        return try await perform("could not read the incident history") { connection in
            let filter = HistoryFilter(query, paging: true)
            let limit = query.effectiveLimit
            let terms = query.searchTerms
            let sql = HistoryQueries.page(filter, withSearchedText: !terms.isEmpty)
            // One more than asked, to know whether a next page exists.
            let rows = try await connection.read { runner in
                try await runner.rows(sql, filter.binds + [.integer(limit + 1)])
            }
            var items: [IncidentSummary] = []
            for row in rows.prefix(limit).map(StoredRow.init) {
                do {
                    var summary = try SummaryRow.summary(row)
                    summary.matchedLine = SummaryRow.matchedLine(row, summary: summary, terms: terms)
                    items.append(summary)
                } catch {
                    logger.warning(
                        "skipping an unreadable incident in the history",
                        metadata: ["id": "\(row.optionalInteger("id") ?? -1)", "error": "\(error)"])
                }
            }
            // The cursor follows the last row read, even one skipped as unreadable, so paging never loops.
            let next = rows.count > limit ? try rows.prefix(limit).last.map { row -> IncidentCursor in
                let stored = StoredRow(row)
                return IncidentCursor(occurredAtMilliseconds: Int64(try stored.integer("occurred_at")), id: Int64(try stored.integer("id")))
            } : nil
            return IncidentPage(items: items, nextCursor: next)
        }
    }

    public func incident(id: Int64) async throws(StoreError) -> IncidentRecord? {
        try await perform("could not read incident \(id)") { connection in
            let (rows, deliveryRows) = try await connection.exclusive { runner in
                (
                    try await runner.rows(HistoryQueries.record, [.integer(Int(id))]),
                    try await runner.rows(HistoryQueries.deliveries, [.integer(Int(id))])
                )
            }
            guard let row = rows.first.map(StoredRow.init) else { return nil }
            let summary = try SummaryRow.summary(row)
            var problems: [String] = []
            let json = StoredJSON()
            var incident: Incident?
            do {
                incident = try json.value(Incident.self, from: try row.text("incident_json"))
            } catch {
                problems.append("the detected incident cannot be read: \(error)")
            }
            var alert: Alert?
            if let text = row.optionalText("alert_json") {
                do {
                    alert = try json.value(Alert.self, from: text)
                } catch {
                    problems.append("the enriched alert cannot be read: \(error)")
                }
            }
            var deliveries: [DeliveryRecord] = []
            for deliveryRow in deliveryRows.map(StoredRow.init) {
                do {
                    deliveries.append(try DeliveryRow.record(deliveryRow))
                } catch {
                    problems.append("delivery \(deliveryRow.optionalInteger("id") ?? -1) cannot be read: \(error)")
                }
            }
            return IncidentRecord(
                summary: summary, incident: incident, alert: alert, queuedAt: try row.date("queued_at"), deliveries: deliveries, problems: problems)
        }
    }

    public func buckets(_ query: IncidentQuery, by size: IncidentBuckets.Size) async throws(StoreError) -> IncidentBuckets {
        try await bringSearchUpToDate(for: query)
        return try await perform("could not count the incidents by \(size.rawValue)") { connection in
            let filter = HistoryFilter(query, paging: false)
            let width = Int(size.milliseconds)
            let rows = try await connection.read { runner in
                try await runner.rows(HistoryQueries.buckets(filter), [.integer(width), .integer(width)] + filter.binds)
            }
            var perBucket: [Int: [String: Int]] = [:]
            var totals: [String: Int] = [:]
            for row in rows.map(StoredRow.init) {
                let bucket = try row.integer("bucket")
                let label = row.optionalText("label") ?? "unknown"
                let count = try row.integer("n")
                perBucket[bucket, default: [:]][label, default: 0] += count
                totals[label, default: 0] += count
            }
            let starts = BucketRange.starts(
                present: Array(perBucket.keys), since: query.since.map { EpochMilliseconds($0).value },
                until: query.until.map { EpochMilliseconds($0).value }, width: width)
            let buckets = starts.map { start in
                IncidentBuckets.Bucket(start: EpochMilliseconds(value: start).date, counts: ReasonCount.ordered(perBucket[start] ?? [:]))
            }
            return IncidentBuckets(size: size, buckets: buckets, reasons: ReasonCount.ordered(totals))
        }
    }

    public func topWorkloads(_ query: IncidentQuery, limit: Int) async throws(StoreError) -> [WorkloadCrashCount] {
        guard limit > 0 else { return [] }
        try await bringSearchUpToDate(for: query)
        return try await perform("could not count the incidents by workload") { connection in
            let filter = HistoryFilter(query, paging: false)
            let rows = try await connection.read { runner in
                try await runner.rows(HistoryQueries.workloads(filter), filter.binds)
            }
            struct Key: Hashable {
                var cluster: String
                var namespace: String
                var kind: String
                var name: String
            }
            var counts: [Key: (count: Int, last: Int, reasons: [String: Int])] = [:]
            for row in rows.map(StoredRow.init) {
                let key = Key(
                    cluster: try row.text("cluster"), namespace: try row.text("namespace"), kind: try row.text("workload_kind"),
                    name: try row.text("workload_name"))
                let count = try row.integer("n")
                var entry = counts[key] ?? (0, Int.min, [:])
                entry.count += count
                entry.last = max(entry.last, try row.integer("last_occurred_at"))
                entry.reasons[row.optionalText("label") ?? "unknown", default: 0] += count
                counts[key] = entry
            }
            let workloads = counts.map { key, entry in
                WorkloadCrashCount(
                    cluster: key.cluster, namespace: key.namespace, workload: Alert.Workload(kind: key.kind, name: key.name), count: entry.count,
                    lastOccurredAt: EpochMilliseconds(value: entry.last).date, reasons: ReasonCount.ordered(entry.reasons))
            }
            return Array(
                workloads.sorted {
                    ($1.count, $1.lastOccurredAt, $0.cluster, $0.namespace, $0.workload.name)
                        < ($0.count, $0.lastOccurredAt, $1.cluster, $1.namespace, $1.workload.name)
                }.prefix(limit))
        }
    }

    /// The full-text index catches up in the background; a search first brings it up to date, so it finds every
    /// incident stored before it began.
    private func bringSearchUpToDate(for query: IncidentQuery) async throws(StoreError) {
        guard SearchExpression(terms: query.searchTerms).match != nil else { return }
        try await catchUpSearchIndex()
    }
}
