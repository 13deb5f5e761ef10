import Foundation
import MuninnCore

/// Reads the incident filters shared by the list page and `GET /api/v1/incidents`. Unknown values are a 400
/// naming the parameter, never silently ignored.
enum IncidentQueryParameters {
    /// The filter fields, in form order.
    static let filterNames = ["cluster", "namespace", "workload", "pod", "container", "reason", "kind", "since", "until", "search"]
    static let defaultLimit = 50

    static func query(_ parameters: QueryParameters, now: Date) throws(DashboardError) -> IncidentQuery {
        var query = IncidentQuery(limit: defaultLimit)
        query.cluster = parameters["cluster"]
        query.namespace = parameters["namespace"]
        query.workload = parameters["workload"].map(WorkloadFilter.init(parsing:))
        query.pod = parameters["pod"]
        query.container = parameters["container"]
        query.reason = parameters["reason"]
        query.search = parameters["search"]
        for text in parameters.all("kind").flatMap({ $0.split(separator: ",") }) {
            guard let kind = Incident.Kind(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
                let known = Incident.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badParameter("kind", "unknown kind '\(text)' (one of \(known))")
            }
            query.kinds.insert(kind)
        }
        query.since = try time(parameters, "since", now: now)
        query.until = try time(parameters, "until", now: now)
        if let since = query.since, let until = query.until, since >= until {
            throw .badParameter("since", "must be before until")
        }
        if let text = parameters["limit"] {
            guard let limit = Int(text), (1...IncidentQuery.maximumLimit).contains(limit) else {
                throw .badParameter("limit", "'\(text)' is not a number from 1 to \(IncidentQuery.maximumLimit)")
            }
            query.limit = limit
        }
        if let text = parameters["cursor"] {
            guard let cursor = IncidentCursor(text) else { throw .badParameter("cursor", "'\(text)' is not a cursor this server gave out") }
            query.cursor = cursor
        }
        return query
    }

    private static func time(_ parameters: QueryParameters, _ name: String, now: Date) throws(DashboardError) -> Date? {
        guard let text = parameters[name] else { return nil }
        guard let date = DashboardTime.parse(text, now: now) else {
            throw .badParameter(name, "cannot read '\(text)': give a duration before now (30m, 2h, 7d) or a UTC time (2026-11-20T10:00:00Z, 2026-11-20)")
        }
        return date
    }

    /// The bucket size of `by` (default hour).
    static func bucketSize(_ parameters: QueryParameters) throws(DashboardError) -> IncidentBuckets.Size {
        guard let text = parameters["by"] else { return .hour }
        guard let size = IncidentBuckets.Size(rawValue: text) else { throw .badParameter("by", "'\(text)' is not hour or day") }
        return size
    }

    /// A positive `limit` up to `maximum`, or `fallback` when absent.
    static func limit(_ parameters: QueryParameters, fallback: Int, maximum: Int) throws(DashboardError) -> Int {
        guard let text = parameters["limit"] else { return fallback }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw .badParameter("limit", "'\(text)' is not a number from 1 to \(maximum)")
        }
        return limit
    }
}
