import Foundation
import KubeJSON
import MuninnCore
import MuninnTesting
import Testing

/// `/workloads/{namespace}/{kind}/{name}` and its JSON: incidents from the history fixture and manifest changes
/// from an in-memory change store, interleaved newest first.
@Suite struct WorkloadTimelineTests {
    static let api = Alert.Workload(kind: "Deployment", name: "api")
    static let hostileDiff = """
        --- before
        +++ after
        @@ -1,3 +1,3 @@
         data:
        -  banner: hello
        +  banner: <script>alert(1)</script>

        """

    static func change(
        _ id: String, minutes: Int, workload: Alert.Workload = api, namespace: String = "shop", fields: [FieldChange], diff: String = "",
        action: ChangeAction = .updated, whileStopped: Bool = false
    ) -> ManifestChange {
        ManifestChange(
            id: id, cluster: "prod", resource: "apps/v1/deployments", kind: workload.kind, namespace: namespace, name: workload.name,
            uid: "uid-\(workload.name)", action: action, observedAt: HistoryFixture.at(minutes: minutes), whileStopped: whileStopped,
            workload: workload, changedBy: "kubectl-client-side-apply", diff: ManifestDiff(fieldChanges: fields, unifiedDiff: diff))
    }

    /// An image change 2 minutes before the OOM kill, a replicas change between the two incidents of
    /// Deployment/api, a hostile change after them, and changes of other workloads that must not show.
    static func filledStore() async throws -> InMemoryChangeStore {
        let store = InMemoryChangeStore()
        let changes = [
            change(
                "image", minutes: -2,
                fields: [FieldChange(path: "spec.template.spec.containers[name=app].image", operation: .changed, old: "api:1", new: "api:2")],
                diff: "--- before\n+++ after\n@@ -5,1 +5,1 @@\n-        image: api:1\n+        image: api:2\n"),
            change("replicas", minutes: 50, fields: [FieldChange(path: "spec.replicas", operation: .changed, old: "2", new: "3")], whileStopped: true),
            change(
                "hostile", minutes: 100,
                fields: [FieldChange(path: "metadata.annotations.note", operation: .added, old: nil, new: "<img src=x onerror=alert(1)>")],
                diff: hostileDiff),
            change("other-workload", minutes: 10, workload: Alert.Workload(kind: "Deployment", name: "frontend"), fields: []),
            change("other-namespace", minutes: 20, namespace: "web", fields: []),
        ]
        for change in changes {
            try await store.commitChange(
                change, cluster: change.cluster, resource: change.resource, namespace: change.namespace, name: change.name, baseline: nil)
        }
        return store
    }

    @Test(.timeLimit(.minutes(1))) func changesAndIncidentsInterleavedNewestFirst() async throws {
        let store = try await Self.filledStore()
        try await DashboardHarness.with(changes: store) { dashboard in
            let page = try await dashboard.get("/workloads/shop/Deployment/api")
            #expect(page.status == 200)
            let order = Self.hooks(in: page.body)
            #expect(order == ["change:hostile", "incident:\(try dashboard.id("npe"))", "change:replicas", "incident:\(try dashboard.id("oom"))", "change:image"])
            #expect(page.body.contains(#"<details class="diff"><summary>Unified diff</summary>"#))
            // The change the OOM kill followed shows its diff open.
            #expect(page.body.contains(#"<details class="diff" open><summary>Unified diff</summary><pre class="diff"><span class="line file">--- before</span>"#))
            #expect(page.body.contains("<code>spec.template.spec.containers[name=app].image</code>: <del>api:1</del> → <ins>api:2</ins>"))
            #expect(page.body.contains(#"data-after-change="image">2 min after a change of this workload"#))
            #expect(page.body.contains("made while Muninn was stopped"))
            #expect(!page.body.contains("changes-disabled"))

            let json = try JSONValue(parsing: try await dashboard.get("/api/v1/workloads/shop/Deployment/api/timeline").body)
            #expect(json["changeHistoryEnabled"]?.boolValue == true)
            #expect(json["truncated"]?.boolValue == false)
            let items = try #require(json["items"]?.arrayValue)
            #expect(items.map { $0["type"]?.stringValue } == ["change", "incident", "change", "incident", "change"])
            #expect(items.first?["at"]?.stringValue == "2026-11-20T09:40:00.000Z")
            #expect(items[3]["incident"]?["afterChange"]?["changeId"]?.stringValue == "image")
            #expect(items[3]["incident"]?["afterChange"]?["seconds"]?.intValue == 120)
            #expect(items[1]["incident"]?["afterChange"] == .null)
            let image = try #require(items[4]["change"])
            #expect(image["fieldChanges"]?[0]?["new"]?.stringValue == "api:2")
            #expect(image["action"]?.stringValue == "Update")
            #expect(image["unifiedDiff"]?.stringValue?.contains("+        image: api:2") == true)

            let limited = try JSONValue(parsing: try await dashboard.get("/api/v1/workloads/shop/Deployment/api/timeline?limit=2&until=2026-11-20T09:30:00Z").body)
            #expect(limited["items"]?.arrayValue?.map { $0["type"]?.stringValue } == ["change", "incident"])
            #expect(limited["truncated"]?.boolValue == true)
        }
    }

    @Test(.timeLimit(.minutes(1))) func hostileChangeTextIsShownAsText() async throws {
        let store = try await Self.filledStore()
        try await DashboardHarness.with(changes: store) { dashboard in
            let body = try await dashboard.get("/workloads/shop/Deployment/api").body
            #expect(body.contains(#"<span class="line add">+  banner: &lt;script&gt;alert(1)&lt;/script&gt;</span>"#))
            #expect(body.contains("<ins>&lt;img src=x onerror=alert(1)&gt;</ins>"))
            #expect(!body.contains("<script>"))
            #expect(!body.contains("<img"))
        }
    }

    @Test(.timeLimit(.minutes(1))) func withoutAChangeStoreThePageSaysSoAndShowsIncidents() async throws {
        try await DashboardHarness.with { dashboard in
            let page = try await dashboard.get("/workloads/shop/Deployment/api")
            #expect(page.status == 200)
            #expect(page.body.contains(#"id="changes-disabled""#))
            #expect(Self.hooks(in: page.body) == ["incident:\(try dashboard.id("npe"))", "incident:\(try dashboard.id("oom"))"])
            let json = try JSONValue(parsing: try await dashboard.get("/api/v1/workloads/shop/Deployment/api/timeline").body)
            #expect(json["changeHistoryEnabled"]?.boolValue == false)
            #expect(json["items"]?.arrayValue?.count == 2)

            let unknown = try await dashboard.get("/workloads/shop/Deployment/nothing-here")
            #expect(unknown.status == 200)
            #expect(unknown.body.contains(#"id="no-entries""#))
        }
    }

    @Test(.timeLimit(.minutes(1))) func linksLeadToTheTimeline() async throws {
        try await DashboardHarness.with { dashboard in
            let href = #"href="/workloads/shop/Deployment/api""#
            #expect(try await dashboard.get("/").body.contains(href))
            let detail = try await dashboard.get("/incidents/\(try dashboard.id("oom"))").body
            #expect(detail.contains(#"<a id="workload-timeline" href="/workloads/shop/Deployment/api">Deployment/api</a>"#))
            #expect(try await dashboard.get("/stats").body.contains(href))
            // Waiting for enrichment: no workload known yet, so no timeline link.
            #expect(!(try await dashboard.get("/incidents/\(try dashboard.id("queued"))").body.contains("workload-timeline")))
        }
    }

    @Test(.timeLimit(.minutes(1))) func badParametersAndAFailingStore() async throws {
        let store = try await Self.filledStore()
        try await DashboardHarness.with(changes: store) { dashboard in
            let bad = try await dashboard.get("/api/v1/workloads/shop/Deployment/api/timeline?limit=0")
            #expect(bad.status == 400)
            #expect(bad.body.contains("limit: '0' is not a number from 1 to 1000"))
            let since = try await dashboard.get("/workloads/shop/Deployment/api?since=yesterday")
            #expect(since.status == 400)
            #expect(since.body.contains(#"id="error""#))
            store.setFailing(true)
            #expect(try await dashboard.get("/api/v1/workloads/shop/Deployment/api/timeline").status == 503)
        }
    }

    /// `change:ID` and `incident:ID` for each timeline entry, in page order.
    static func hooks(in body: String) -> [String] {
        let pattern = /data-type="(incident|change)" data-(?:incident|change)-id="([^"]*)"/
        return body.matches(of: pattern).map { "\($0.output.1):\($0.output.2)" }
    }
}
