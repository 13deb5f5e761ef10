import Foundation
import KubeJSON
import MuninnCore
import MuninnTesting
import Testing

@Suite struct DashboardAPITests {
    @Test(.timeLimit(.minutes(1))) func incidentsPageWithFiltersAndCursor() async throws {
        try await DashboardHarness.with { dashboard in
            let reply = try await dashboard.get("/api/v1/incidents?limit=2")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/json")
            let page = try JSONValue(parsing: reply.body)
            let items = try #require(page["items"]?.arrayValue)
            #expect(items.count == 2)
            #expect(items.first?["id"]?.intValue == (try dashboard.id("queued")))
            #expect(items.first?["occurredAt"]?.stringValue == "2026-11-21T10:00:00.000Z")
            #expect(items.first?["deliveries"]?["pending"]?.intValue == 0)
            let cursor = try #require(page["nextCursor"]?.stringValue)
            let next = try JSONValue(parsing: try await dashboard.get("/api/v1/incidents?limit=2&cursor=\(cursor)").body)
            #expect(next["items"]?.arrayValue?.first?["id"]?.intValue == (try dashboard.id("backoff")))

            let searched = try JSONValue(parsing: try await dashboard.get("/api/v1/incidents?search=%22nil+pointer%22&namespace=payments").body)
            let found = try #require(searched["items"]?.arrayValue)
            #expect(found.count == 1)
            #expect(found.first?["matchedLine"]?.stringValue?.contains("nil pointer dereference") == true)
        }
    }

    @Test(.timeLimit(.minutes(1))) func oneIncidentInFull() async throws {
        try await DashboardHarness.with { dashboard in
            let record = try JSONValue(parsing: try await dashboard.get("/api/v1/incidents/\(try dashboard.id("panic"))").body)
            #expect(record["reason"]?.stringValue == "Error")
            #expect(record["crashLines"]?.arrayValue?.compactMap(\.intValue) == [1, 2, 4])
            let delivery = try #require(record["deliveryRecords"]?.arrayValue?.first)
            #expect(delivery["status"]?.stringValue == "pending")
            #expect(delivery["lastError"]?.stringValue == "HTTP 503 from hooks.slack.com")
            #expect(delivery["attempts"]?.intValue == 1)
        }
    }

    @Test(.timeLimit(.minutes(1))) func bucketsAndWorkloads() async throws {
        try await DashboardHarness.with { dashboard in
            let days = try JSONValue(parsing: try await dashboard.get("/api/v1/stats/buckets?by=day").body)
            #expect(days["size"]?.stringValue == "day")
            #expect(days["total"]?.intValue == 6)
            #expect(days["items"]?.arrayValue?.map { $0["start"]?.stringValue } == ["2026-11-20T00:00:00.000Z", "2026-11-21T00:00:00.000Z"])
            #expect(days["byReason"]?.arrayValue?.first?["reason"]?.stringValue == "Error")
            let hours = try JSONValue(parsing: try await dashboard.get("/api/v1/stats/buckets").body)
            #expect(hours["size"]?.stringValue == "hour")

            let workloads = try JSONValue(parsing: try await dashboard.get("/api/v1/stats/workloads?limit=1").body)
            let items = try #require(workloads["items"]?.arrayValue)
            #expect(items.count == 1)
            #expect(items.first?["count"]?.intValue == 2)
            #expect(items.first?["workload"]?["kind"] != nil)
        }
    }

    @Test(.timeLimit(.minutes(1))) func badParametersAreNamedAndUnknownIdsAre404() async throws {
        try await DashboardHarness.with { dashboard in
            let cases: [(String, String)] = [
                ("/api/v1/incidents?limit=0", "limit"), ("/api/v1/incidents?limit=x", "limit"), ("/api/v1/incidents?cursor=nope", "cursor"),
                ("/api/v1/incidents?kind=Exploded", "kind"), ("/api/v1/incidents?since=soon", "since"),
                ("/api/v1/incidents?since=2026-11-21&until=2026-11-20", "since"), ("/api/v1/stats/buckets?by=minute", "by"),
                ("/api/v1/stats/workloads?limit=1000", "limit"), ("/api/v1/incidents/x", "id"),
            ]
            for (path, parameter) in cases {
                let reply = try await dashboard.get(path)
                #expect(reply.status == 400, "\(path)")
                #expect(reply.header("Content-Type") == "application/json")
                let message = try JSONValue(parsing: reply.body)["error"]?.stringValue
                #expect(message?.hasPrefix(parameter + ":") == true, "\(path): \(message ?? "-")")
            }
            let missing = try await dashboard.get("/api/v1/incidents/424242")
            #expect(missing.status == 404)
            #expect(try JSONValue(parsing: missing.body)["error"]?.stringValue?.contains("424242") == true)
            let unknownPath = try await dashboard.get("/api/v1/nothing")
            #expect(unknownPath.status == 404)
            #expect(try JSONValue(parsing: unknownPath.body)["error"] != nil)
        }
    }
}
