import Foundation
import MuninnCore

/// An `IncidentQuery` as SQL conditions over `incidents`, its values bound into a `BoundSQL`.
struct HistoryFilter {
    let whereClause: String

    /// - Parameter paging: apply the query's cursor (lists do; counts and charts do not).
    init(_ query: IncidentQuery, paging: Bool, sql: inout BoundSQL) {
        var conditions: [String] = []
        if let cluster = query.cluster { conditions.append("incidents.cluster = \(sql.bind(cluster))") }
        if let namespace = query.namespace { conditions.append("incidents.namespace = \(sql.bind(namespace))") }
        if let workload = query.workload {
            conditions.append("incidents.workload_name = \(sql.bind(workload.name))")
            // Kinds are CamelCase in Kubernetes; people type `deployment/api` too.
            if let kind = workload.kind { conditions.append("lower(incidents.workload_kind) = lower(\(sql.bind(kind)))") }
        }
        if let pod = query.pod { conditions.append("incidents.pod = \(sql.bind(pod))") }
        if let container = query.container { conditions.append("incidents.container = \(sql.bind(container))") }
        if let reason = query.reason { conditions.append("incidents.reason = \(sql.bind(reason))") }
        if !query.kinds.isEmpty { conditions.append("incidents.kind = ANY(\(sql.bind(query.kinds.map(\.rawValue).sorted())))") }
        if let since = query.since { conditions.append("incidents.occurred_at >= \(sql.bind(EpochMilliseconds(since).value))") }
        if let until = query.until { conditions.append("incidents.occurred_at < \(sql.bind(EpochMilliseconds(until).value))") }
        if paging, let cursor = query.cursor {
            conditions.append("(incidents.occurred_at, incidents.id) < (\(sql.bind(cursor.occurredAtMilliseconds)), \(sql.bind(cursor.id)))")
        }
        for term in query.searchTerms {
            conditions.append("incidents.search_text ILIKE \(sql.bind(Self.containsPattern(term)))")
        }
        whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    /// A LIKE pattern matching `term` anywhere: its `%`, `_` and `\` are escaped, so they match themselves.
    static func containsPattern(_ term: String) -> String {
        var escaped = ""
        for character in term {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}
