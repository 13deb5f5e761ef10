import Foundation
import MuninnCore
import SQLiteNIO

/// An `IncidentQuery` as SQL conditions over `incidents` and their bound values.
struct HistoryFilter {
    private(set) var conditions: [String] = []
    private(set) var binds: [SQLiteData] = []

    /// - Parameter paging: apply the query's cursor (lists do; counts and charts do not).
    init(_ query: IncidentQuery, paging: Bool) {
        if let cluster = query.cluster { add("incidents.cluster = ?", .text(cluster)) }
        if let namespace = query.namespace { add("incidents.namespace = ?", .text(namespace)) }
        if let workload = query.workload {
            add("incidents.workload_name = ?", .text(workload.name))
            // Kinds are CamelCase in Kubernetes; people type `deployment/api` too.
            if let kind = workload.kind { add("incidents.workload_kind = ? COLLATE NOCASE", .text(kind)) }
        }
        if let pod = query.pod { add("incidents.pod = ?", .text(pod)) }
        if let container = query.container { add("incidents.container = ?", .text(container)) }
        if let reason = query.reason { add("incidents.reason = ?", .text(reason)) }
        if !query.kinds.isEmpty {
            let kinds = query.kinds.map(\.rawValue).sorted()
            add("incidents.kind IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ", ")))", kinds.map(SQLiteData.text))
        }
        if let since = query.since { add("incidents.occurred_at >= ?", EpochMilliseconds(since).sqlite) }
        if let until = query.until { add("incidents.occurred_at < ?", EpochMilliseconds(until).sqlite) }
        if paging, let cursor = query.cursor {
            add("(incidents.occurred_at, incidents.id) < (?, ?)", [.integer(Int(cursor.occurredAtMilliseconds)), .integer(Int(cursor.id))])
        }
        let search = SearchExpression(terms: query.searchTerms)
        if let match = search.match {
            add("incidents.id IN (SELECT rowid FROM incident_search WHERE incident_search MATCH ?)", .text(match))
        }
        for term in search.shortTerms {
            add("instr(\(HistoryQueries.searchedText), lower(?)) > 0", .text(term))
        }
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    private mutating func add(_ condition: String, _ bind: SQLiteData) {
        add(condition, [bind])
    }

    private mutating func add(_ condition: String, _ values: [SQLiteData]) {
        conditions.append(condition)
        binds.append(contentsOf: values)
    }
}
