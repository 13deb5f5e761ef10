import Foundation
import Hummingbird
import MuninnCore

/// Reads a timeline request: the workload from the path (percent-decoded), `cluster`, `since`, `until` and
/// `limit` from the query. Bad values are a 400 naming the parameter.
struct TimelineParameters: Sendable {
    var workload: TimelineWorkload
    var cluster: String?
    var since: Date?
    var until: Date?
    var limit: Int

    init(_ request: Request, context: BasicRequestContext, now: Date) throws(DashboardError) {
        func segment(_ name: String) throws(DashboardError) -> String {
            let raw = context.parameters.get(name) ?? ""
            let text = raw.removingPercentEncoding ?? raw
            guard !text.isEmpty, text.count <= 253 else { throw .badParameter(name, "'\(text)' is not a \(name)") }
            return text
        }
        workload = TimelineWorkload(namespace: try segment("namespace"), kind: try segment("kind"), name: try segment("name"))
        let parameters = QueryParameters(rawQuery: request.uri.query)
        cluster = parameters["cluster"]
        // The list's time forms (`2h`, RFC 3339, a day) and checks (since before until), read by the same code.
        let times = try IncidentQueryParameters.query(parameters, now: now)
        since = times.since
        until = times.until
        limit = try IncidentQueryParameters.limit(parameters, fallback: WorkloadTimeline.defaultLimit, maximum: WorkloadTimeline.maximumLimit)
    }
}
