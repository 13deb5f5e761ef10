import Foundation
import MuninnCore
import MuninnTesting
import Testing

@Suite struct DashboardPageTests {
    @Test(.timeLimit(.minutes(1))) func listShowsEveryIncidentNewestFirst() async throws {
        try await DashboardHarness.with { dashboard in
            let reply = try await dashboard.get("/")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
            let rows = try HistoryFixture.samples.reversed().map { try dashboard.id($0.name) }.map { #"id="incident-\#($0)""# }
            let positions = rows.compactMap { reply.body.range(of: $0)?.lowerBound }
            #expect(positions.count == HistoryFixture.samples.count)
            #expect(positions == positions.sorted())
            #expect(reply.body.contains("ledger-0"))
            #expect(reply.body.contains("OOMKilled"))
            #expect(reply.body.contains(#"<span class="status-failed">failed 1/1</span>"#))
            #expect(reply.body.contains("waiting for enrichment"))
            #expect(reply.body.contains(#"<span class="status-suppressed" title="muted by rule 2">suppressed</span>"#))
            #expect(reply.body.contains(#"<link rel="stylesheet" href="/assets/muninn.css">"#))
        }
    }

    @Test(.timeLimit(.minutes(1))) func filtersAndSearchNarrowTheList() async throws {
        try await DashboardHarness.with { dashboard in
            let payments = try await dashboard.get("/?namespace=payments&cluster=&pod=&kind=")
            #expect(payments.status == 200)
            #expect(payments.body.contains(#"id="incident-\#(try dashboard.id("panic"))""#))
            #expect(!payments.body.contains(#"id="incident-\#(try dashboard.id("oom"))""#))
            #expect(payments.body.contains(#"name="namespace" value="payments""#))

            let search = try await dashboard.get("/?search=java+heap")
            #expect(search.body.contains(#"id="incident-\#(try dashboard.id("oom"))""#))
            #expect(!search.body.contains(#"id="incident-\#(try dashboard.id("npe"))""#))
            #expect(search.body.contains("Java heap space"))

            let kind = try await dashboard.get("/?kind=cannotStart")
            #expect(kind.body.contains(#"id="incident-\#(try dashboard.id("backoff"))""#))
            #expect(!kind.body.contains(#"id="incident-\#(try dashboard.id("panic"))""#))
            #expect(kind.body.contains(#"<option value="cannotStart" selected>"#))

            let none = try await dashboard.get("/?workload=Deployment/nothing")
            #expect(none.body.contains(#"id="no-incidents""#))

            let bad = try await dashboard.get("/?since=yesterday")
            #expect(bad.status == 400)
            #expect(bad.body.contains("since: cannot read"))
        }
    }

    @Test(.timeLimit(.minutes(1))) func pagingFollowsTheNextLinkWithoutRepeats() async throws {
        try await DashboardHarness.with { dashboard in
            var path = "/?limit=2&namespace=shop+"
            var seen: [String] = []
            var pages = 0
            while true {
                let reply = try await dashboard.get(path)
                #expect(reply.status == 200)
                pages += 1
                seen += matches(#"data-incident-id="(\d+)""#, in: reply.body)
                guard let next = matches(#"id="next-page" href="([^"]+)""#, in: reply.body).first else { break }
                path = next.replacingOccurrences(of: "&amp;", with: "&")
                #expect(path.contains("namespace=shop"))
                #expect(pages < 5)
            }
            #expect(pages == 2)
            #expect(seen.count == 3)
            #expect(Set(seen).count == 3)
            // limit 1 pages through the whole fixture one incident at a time
            var all: [String] = []
            path = "/?limit=1"
            while all.count < 10 {
                let reply = try await dashboard.get(path)
                all += matches(#"data-incident-id="(\d+)""#, in: reply.body)
                guard let next = matches(#"id="next-page" href="([^"]+)""#, in: reply.body).first else { break }
                path = next.replacingOccurrences(of: "&amp;", with: "&")
            }
            #expect(all.count == HistoryFixture.samples.count)
            #expect(Set(all).count == HistoryFixture.samples.count)
        }
    }

    @Test(.timeLimit(.minutes(1))) func detailShowsTheRecordLogEventsAndDeliveries() async throws {
        try await DashboardHarness.with { dashboard in
            let reply = try await dashboard.get("/incidents/\(try dashboard.id("oom"))")
            #expect(reply.status == 200)
            #expect(reply.body.contains("137 — "))
            #expect(reply.body.contains("Deployment/api"))
            #expect(reply.body.contains("node-1"))
            #expect(reply.body.contains("registry.local/shop/api-7d9f-x2:1.0"))
            #expect(reply.body.contains(#"<span class="line crash" id="L2" data-n="2" data-crash="true">Exception in thread &quot;main&quot; java.lang.OutOfMemoryError: Java heap space</span>"#))
            #expect(reply.body.contains(#"<span class="line" id="L1" data-n="1">Started ApiApplication in 4.2 seconds</span>"#))
            #expect(reply.body.contains(##"href="#L2" id="first-crash-line""##))
            #expect(reply.body.contains("BackOff: Back-off restarting failed container app"))
            #expect(reply.body.contains(#"<tr data-status="delivered"><td>slack</td><td>#oom</td>"#))

            let failed = try await dashboard.get("/incidents/\(try dashboard.id("npe"))")
            #expect(failed.body.contains("channel_not_found"))
            #expect(failed.body.contains(#"<td class="num">1</td>"#))

            let queued = try await dashboard.get("/incidents/\(try dashboard.id("queued"))")
            #expect(queued.status == 200)
            #expect(queued.body.contains("not yet (waiting for enrichment)"))

            let missing = try await dashboard.get("/incidents/999999")
            #expect(missing.status == 404)
            let bad = try await dashboard.get("/incidents/abc")
            #expect(bad.status == 400)
        }
    }

    @Test(.timeLimit(.minutes(1))) func statsDrawsAStackedChartAndTopWorkloads() async throws {
        try await DashboardHarness.with { dashboard in
            let reply = try await dashboard.get("/stats")
            #expect(reply.status == 200)
            #expect(reply.body.contains(#"<svg class="chart" id="chart" role="img" aria-label="Incidents per hour""#))
            #expect(reply.body.contains("<rect class=\"c0\""))
            #expect(reply.body.contains(#"<ul class="legend" id="legend">"#))
            #expect(reply.body.contains("Error (4)"))
            #expect(reply.body.contains("11-20 08h"))
            #expect(reply.body.contains(#"<table id="workloads">"#))
            #expect(reply.body.contains("Deployment/api"))
            let days = try await dashboard.get("/stats?by=day")
            #expect(days.body.contains(#"aria-label="Incidents per day""#))
            #expect(days.body.contains("2026-11-20"))
            #expect(days.body.contains("2026-11-21"))
            let bad = try await dashboard.get("/stats?by=week")
            #expect(bad.status == 400)
        }
    }

    @Test(.timeLimit(.minutes(1))) func styleSheetIsServedLocally() async throws {
        try await DashboardHarness.with { dashboard in
            let reply = try await dashboard.get("/assets/muninn.css")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/css; charset=utf-8")
            #expect(reply.body.contains("pre.log .crash"))
            #expect(!reply.body.contains("http"))
        }
    }
}

/// The first capture group of every match of `pattern`.
func matches(_ pattern: String, in text: String) -> [String] {
    guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
    let range = NSRange(text.startIndex..., in: text)
    return expression.matches(in: text, range: range).compactMap { match in
        Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
}
