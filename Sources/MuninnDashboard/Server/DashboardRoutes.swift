import Foundation
import Hummingbird
import KubeJSON
import MuninnCore

/// The pages and API paths, each a thin adapter from query parameters to one `HistoryStore` call.
struct DashboardRoutes: Sendable {
    let store: any HistoryStore
    /// Manifest changes for workload timelines; nil when the change watch keeps no history.
    let changes: (any ChangeStore)?
    let readiness: @Sendable () async -> Bool
    let metrics: (@Sendable () -> [UInt8])?
    let now: @Sendable () -> Date

    static let maximumWorkloads = 100

    func add(to router: Router<BasicRequestContext>) {
        read(router, "/") { request, _ in try await listPage(request) }
        read(router, "/incidents/:id") { _, context in DashboardResponse.html(IncidentDetailPage.render(try await record(context))) }
        read(router, "/stats") { request, _ in try await statsPage(request) }
        read(router, "/workloads/:namespace/:kind/:name") { request, context in
            DashboardResponse.html(WorkloadTimelinePage.render(try await timeline(request, context)))
        }
        read(router, "/api/v1/workloads/:namespace/:kind/:name/timeline") { request, context in
            DashboardResponse.json(TimelineJSON.timeline(try await timeline(request, context)))
        }
        read(router, "/assets/muninn.css") { _, _ in DashboardResponse.text(DashboardStyleSheet.css, contentType: "text/css; charset=utf-8") }
        read(router, "/api/v1/incidents") { request, _ in
            let parameters = QueryParameters(rawQuery: request.uri.query)
            return DashboardResponse.json(HistoryJSON.page(try await store.incidents(try IncidentQueryParameters.query(parameters, now: now()))))
        }
        read(router, "/api/v1/incidents/:id") { _, context in DashboardResponse.json(HistoryJSON.record(try await record(context))) }
        read(router, "/api/v1/stats/buckets") { request, _ in
            let parameters = QueryParameters(rawQuery: request.uri.query)
            let buckets = try await store.buckets(
                try IncidentQueryParameters.query(parameters, now: now()), by: try IncidentQueryParameters.bucketSize(parameters))
            return DashboardResponse.json(HistoryJSON.buckets(buckets))
        }
        read(router, "/api/v1/stats/workloads") { request, _ in
            let parameters = QueryParameters(rawQuery: request.uri.query)
            let limit = try IncidentQueryParameters.limit(parameters, fallback: 10, maximum: Self.maximumWorkloads)
            let workloads = try await store.topWorkloads(try IncidentQueryParameters.query(parameters, now: now()), limit: limit)
            return DashboardResponse.json(.object(JSONObject([("items", .array(workloads.map(HistoryJSON.workloadCount)))])))
        }
        read(router, "/healthz") { _, _ in DashboardResponse.text("ok\n") }
        read(router, "/readyz") { _, _ in
            await readiness() ? DashboardResponse.text("ok\n") : DashboardResponse.text("not ready\n", status: .serviceUnavailable)
        }
        read(router, "/metrics") { _, _ in
            guard let metrics else { throw DashboardError.notFound("metrics are not enabled") }
            return DashboardResponse.bytes(metrics(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    /// Routes `path` for GET and HEAD (the middleware drops HEAD's body).
    private func read(
        _ router: Router<BasicRequestContext>, _ path: RouterPath, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response
    ) {
        router.on(path, method: .get, use: handler)
        router.on(path, method: .head, use: handler)
    }

    private func record(_ context: BasicRequestContext) async throws -> IncidentRecord {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else { throw DashboardError.badParameter("id", "'\(text)' is not an incident id") }
        guard let record = try await store.incident(id: id) else { throw DashboardError.notFound("no incident \(id) (never stored, or removed by retention)") }
        return record
    }

    private func timeline(_ request: Request, _ context: BasicRequestContext) async throws -> WorkloadTimeline {
        let parameters = try TimelineParameters(request, context: context, now: now())
        return try await WorkloadTimeline.load(
            parameters.workload, cluster: parameters.cluster, since: parameters.since, until: parameters.until, limit: parameters.limit,
            history: store, changes: changes)
    }

    private func listPage(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(rawQuery: request.uri.query)
        let query = try IncidentQueryParameters.query(parameters, now: now())
        let page = try await store.incidents(query)
        return DashboardResponse.html(IncidentListPage.render(page: page, parameters: parameters, query: query))
    }

    private func statsPage(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(rawQuery: request.uri.query)
        let query = try IncidentQueryParameters.query(parameters, now: now())
        let size = try IncidentQueryParameters.bucketSize(parameters)
        let buckets = try await store.buckets(query, by: size)
        let workloads = try await store.topWorkloads(query, limit: 10)
        return DashboardResponse.html(StatsPage.render(buckets: buckets, workloads: workloads, parameters: parameters))
    }
}
