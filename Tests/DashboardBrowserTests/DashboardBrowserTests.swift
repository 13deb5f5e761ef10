import Foundation
import MuninnCore
import MuninnTesting
import Testing

/// The dashboard in a real browser: headless Chromium loads the pages the real `DashboardService` serves over a
/// history filled by a real pipeline run, and the tests check the DOM Chromium built (the stable hooks of
/// docs/dashboard.md) and save a screenshot of each page under `.build/test-artifacts/dashboard/`
/// (or `$MUNINN_TEST_ARTIFACTS/dashboard/`). Without Chromium they fail: scripts/test.sh installs it.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DashboardBrowserTests {
    @Test func incidentListWithFiltersSearchAndPaging() async throws {
        let history = try await BrowserHistory.shared()
        try await BrowserDashboard.with(history) { dashboard in
            let pages = try await dashboard.load([
                .init(path: "/", screenshot: "incidents.png"),
                .init(path: "/?namespace=shop&reason=OOMKilled"),
                .init(path: "/?search=psycopg.OperationalError", screenshot: "incidents-search.png"),
                .init(path: "/?limit=5"),
            ])
            try Self.checkScreenshots(pages)
            Self.checkNoPolicyViolations(pages)

            let list = pages[0].document
            let rows = try Self.rows(list)
            // The day of older kills, the pipeline's incidents and the sentinel's and canary's crashes, all on the first page.
            #expect(rows.count >= 30 + history.ids.count + 2, "\(rows.count) rows")
            #expect(rows.allSatisfy { $0.elements("a").first?["href"] == "/incidents/\($0["data-incident-id"] ?? "")" })
            #expect(rows.contains { $0.id == "incident-\(history.ids["pull"] ?? 0)" && $0.text.contains("cannotStart") })
            #expect(rows.contains { $0.text.contains("delivered") })
            #expect(list.element(id: "next-page") == nil)

            let filtered = pages[1].document
            let oomRows = try Self.rows(filtered)
            #expect(oomRows.map { $0["data-incident-id"] } == ["\(history.ids["oom"] ?? 0)"])
            #expect(Self.input(filtered, "namespace")?["value"] == "shop")
            #expect(Self.input(filtered, "reason")?["value"] == "OOMKilled")

            let searched = pages[2].document
            let found = try Self.rows(searched)
            #expect(found.map { $0["data-incident-id"] }.contains("\(history.ids["traceback"] ?? 0)"))
            #expect(found.allSatisfy { row in row.elements { $0.hasClass("matched") }.first?.text.contains("psycopg.OperationalError") == true })
            #expect(Self.input(searched, "search")?["value"] == "psycopg.OperationalError")

            let first = try Self.rows(pages[3].document)
            #expect(first.count == 5)
            let next = try #require(pages[3].document.element(id: "next-page"))
            #expect(next["rel"] == "next")
            let href = try #require(next["href"])
            let second = try Self.rows(try await dashboard.load(href).document)
            #expect(second.count == 5)
            #expect(Set(first.compactMap { $0["data-incident-id"] }).isDisjoint(with: second.compactMap { $0["data-incident-id"] }))
            let newestFirst = (first + second).compactMap { $0["data-incident-id"].flatMap { Int64($0) } }
            #expect(newestFirst.count == 10)
        }
    }

    @Test func incidentDetailsWithTheirLogsEventsAndDeliveries() async throws {
        let history = try await BrowserHistory.shared()
        try await BrowserDashboard.with(history) { dashboard in
            let traceback = try #require(history.ids["traceback"]), oom = try #require(history.ids["oom"])
            let hostile = try #require(history.ids["hostile"]), pull = try #require(history.ids["pull"])
            let pages = try await dashboard.load([
                .init(path: "/incidents/\(traceback)", screenshot: "incident.png"),
                .init(path: "/incidents/\(oom)"),
                .init(path: "/incidents/\(hostile)", screenshot: "incident-hostile.png"),
                .init(path: "/incidents/\(pull)"),
            ])
            try Self.checkScreenshots(pages)
            Self.checkNoPolicyViolations(pages)

            // The termination record with the decoded exit code; crash lines marked; the first one linked.
            let crash = pages[0].document
            #expect(Self.fact(crash, "Exit code")?.hasPrefix("1 — ") == true)
            #expect(Self.fact(crash, "Reason") == "Error")
            #expect(Self.fact(crash, "Workload")?.hasPrefix("Deployment/checkout") == true)
            let lines = crash.elements { $0.name == "span" && $0["data-n"] != nil }
            #expect(lines.count > 5)
            let marked = lines.filter { $0.hasClass("crash") && $0["data-crash"] == "true" }
            #expect(marked.contains { $0.text.contains("Traceback (most recent call last)") })
            #expect(marked.contains { $0.text.contains("psycopg.OperationalError") })
            let jump = try #require(crash.element(id: "first-crash-line"))
            let target = try #require(jump["href"]).dropFirst()
            #expect(crash.element(id: String(target))?.hasClass("crash") == true)
            #expect(crash.element(id: "workload-timeline")?["href"] == "/workloads/shop/Deployment/checkout")
            let deliveries = try #require(crash.element(id: "delivery-records"))
            let deliveryRows = deliveries.elements("tr").filter { $0["data-status"] != nil }
            #expect(deliveryRows.map { $0["data-status"] } == ["delivered"])
            #expect(deliveryRows.first?.text.contains("audit") == true)
            #expect(crash.element(id: "events") != nil)

            let killed = pages[1].document
            #expect(Self.fact(killed, "Reason") == "OOMKilled")
            #expect(Self.fact(killed, "Exit code")?.hasPrefix("137 — ") == true)
            #expect(Self.fact(killed, "Exit code")?.contains("SIGKILL") == true)

            // The XSS payload is text on the page, and nothing it describes exists in the DOM.
            let attacked = pages[2].document
            let texts = attacked.elements { $0["data-n"] != nil }.map(\.text)
            #expect(texts.contains { $0.contains(BrowserHistory.scriptLine) })
            #expect(texts.contains { $0.contains(BrowserHistory.imageLine) })
            #expect(attacked.elements("script").isEmpty)
            #expect(attacked.elements("img").isEmpty)
            #expect(attacked.elements { $0.attributes.keys.contains { $0.hasPrefix("on") } }.isEmpty)

            let cannotPull = pages[3].document
            #expect(Self.fact(cannotPull, "Kind") == "cannotStart")
            #expect(["ImagePullBackOff", "ErrImagePull"].contains(Self.fact(cannotPull, "Reason") ?? ""))
            #expect(Self.fact(cannotPull, "Image") == "registry.invalid/acme/gateway:404")
        }
    }

    @Test func statsChartWithLabelledAxesAndTopWorkloads() async throws {
        let history = try await BrowserHistory.shared()
        try await BrowserDashboard.with(history) { dashboard in
            let pages = try await dashboard.load([.init(path: "/stats", screenshot: "stats.png"), .init(path: "/stats?by=day")])
            try Self.checkScreenshots(pages)
            Self.checkNoPolicyViolations(pages)
            let stats = pages[0].document
            let chart = try #require(stats.element(id: "chart"))
            #expect(chart.name == "svg")
            #expect(chart.element(id: "y-axis-title")?.text == "Incidents per hour")
            #expect(chart.element(id: "x-axis-title")?.text == "Hour (UTC)")
            let bars = chart.elements("rect")
            #expect(bars.count >= 20)
            #expect(bars.allSatisfy { $0.elements("title").first?.text.isEmpty == false })
            let ticks = chart.elements { $0.hasClass("tick-label") }
            #expect(ticks.count >= 2)
            let legend = try #require(stats.element(id: "legend"))
            #expect(legend.elements("li").contains { $0.text.hasPrefix("OOMKilled") })
            let workloads = try #require(stats.element(id: "workloads"))
            #expect(workloads.elements("tr").contains { $0.text.contains("Deployment/nightly") })
            #expect(stats.element(id: "switch-size")?["href"]?.contains("by=day") == true)
            #expect(pages[1].document.element(id: "x-axis-title")?.text == "Day (UTC)")
        }
    }

    @Test func workloadTimelineWithChangesBesideCrashes() async throws {
        let history = try await BrowserHistory.shared()
        let changes = try await Self.checkoutChanges(history)
        try await BrowserDashboard.with(history, changes: changes) { dashboard in
            let pages = try await dashboard.load([
                .init(path: "/workloads/shop/Deployment/checkout", screenshot: "timeline.png"),
                .init(path: "/workloads/shop/Deployment/api"),
            ])
            try Self.checkScreenshots(pages)
            Self.checkNoPolicyViolations(pages)
            let timeline = try #require(pages[0].document.element(id: "timeline"))
            let entries = timeline.elementChildren
            #expect(entries.map { $0["data-type"] ?? "" }.first == "change")
            #expect(entries.contains { $0["data-type"] == "incident" && $0["data-incident-id"] == "\(history.ids["traceback"] ?? 0)" })
            let image = try #require(entries.first { $0["data-change-id"] == "checkout-image" })
            #expect(image.elements("ins").first?.text == "ghcr.io/acme/checkout:4.2")
            let diff = try #require(image.elements("details").first)
            #expect(diff.elements("summary").first?.text == "Unified diff")
            #expect(diff["open"] != nil, "the diff of the change the crash followed starts open")
            #expect(diff.elements { $0.hasClass("add") }.contains { $0.text.contains("image: ghcr.io/acme/checkout:4.2") })
            let hostile = try #require(entries.first { $0["data-change-id"] == "checkout-hostile" })
            #expect(hostile.text.contains(BrowserHistory.scriptLine))
            #expect(pages[0].document.elements("script").isEmpty)
            #expect(pages[0].document.elements("img").isEmpty)
            #expect(entries.contains { $0.elements { $0["data-after-change"] == "checkout-image" }.isEmpty == false })
            #expect(pages[1].document.element(id: "timeline")?.elementChildren.contains { $0["data-type"] == "incident" } == true)
        }
    }

    @Test func metricsOfThePipelineRun() async throws {
        let history = try await BrowserHistory.shared()
        try await BrowserDashboard.with(history) { dashboard in
            let metrics = try await dashboard.get("/metrics")
            #expect(metrics.status == 200)
            let lines = metrics.body.split(separator: "\n").map(String.init)
            func value(_ prefix: String) -> Double? {
                lines.first { $0.hasPrefix(prefix) }.flatMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            }
            #expect((value(#"muninn_watch_restarts_total{reason="ended"}"#) ?? 0) >= 1, "\(metrics.body)")
            #expect((value(#"muninn_incidents_total{kind="containerTerminated",reason="OOMKilled"}"#) ?? 0) >= 1)
            #expect((value(#"muninn_deliveries_total{destination="audit",outcome="delivered"}"#) ?? 0) >= 6)
            #expect((value("muninn_store_bytes ") ?? 0) > 1_000)
            #expect(lines.contains("# TYPE muninn_store_bytes gauge"))
        }
    }

    // MARK: - Helpers

    /// An image change of Deployment/checkout a minute before its crash, and a ConfigMap-like change whose diff
    /// carries an XSS payload.
    static func checkoutChanges(_ history: BrowserHistory) async throws -> InMemoryChangeStore {
        let occurredAt = try await BrowserDashboardRecords.occurredAt(history, id: try #require(history.ids["traceback"]))
        let workload = Alert.Workload(kind: "Deployment", name: "checkout")
        func change(_ id: String, at: Date, fields: [FieldChange], diff: String, by: String) -> ManifestChange {
            ManifestChange(
                id: id, cluster: BrowserHistory.cluster, resource: "apps/v1/deployments", kind: "Deployment", namespace: "shop", name: "checkout",
                uid: "0b9f5c1e-checkout", action: .updated, observedAt: at, workload: workload, changedBy: by,
                diff: ManifestDiff(fieldChanges: fields, unifiedDiff: diff))
        }
        let store = InMemoryChangeStore()
        let changes = [
            change(
                "checkout-image", at: occurredAt.addingTimeInterval(-60),
                fields: [
                    FieldChange(
                        path: "spec.template.spec.containers[name=app].image", operation: .changed, old: "ghcr.io/acme/checkout:4.1",
                        new: "ghcr.io/acme/checkout:4.2"),
                    FieldChange(path: "spec.template.spec.containers[name=app].env[name=DB_POOL]", operation: .added, old: nil, new: "20"),
                ],
                diff: """
                    --- before
                    +++ after
                    @@ -21,6 +21,8 @@
                             containers:
                             - env:
                    +          - name: DB_POOL
                    +            value: "20"
                               - name: LOG_LEVEL
                                 value: info
                    -          image: ghcr.io/acme/checkout:4.1
                    +          image: ghcr.io/acme/checkout:4.2
                               name: app

                    """, by: "kubectl-client-side-apply"),
            change(
                "checkout-hostile", at: occurredAt.addingTimeInterval(120),
                fields: [FieldChange(path: "metadata.annotations.note", operation: .added, old: nil, new: BrowserHistory.imageLine)],
                diff: "--- before\n+++ after\n@@ -3,0 +3,1 @@\n+    note: \(BrowserHistory.scriptLine)\n", by: "helm"),
            change(
                "checkout-replicas", at: occurredAt.addingTimeInterval(-3 * 3_600),
                fields: [FieldChange(path: "spec.replicas", operation: .changed, old: "2", new: "3")],
                diff: "--- before\n+++ after\n@@ -30,1 +30,1 @@\n-  replicas: 2\n+  replicas: 3\n", by: "kube-controller-manager"),
        ]
        for change in changes {
            try await store.commitChange(change, cluster: change.cluster, resource: change.resource, namespace: "shop", name: "checkout", baseline: nil)
        }
        return store
    }

    static func rows(_ document: DOMElement) throws -> [DOMElement] {
        let table = try #require(document.element(id: "incidents"))
        return table.elements("tr").filter { $0["data-incident-id"] != nil }
    }

    static func input(_ document: DOMElement, _ name: String) -> DOMElement? {
        document.elements("input").first { $0["name"] == name }
    }

    /// The value of one fact of the termination record (`<dt>label</dt><dd>value</dd>`).
    static func fact(_ document: DOMElement, _ label: String) -> String? {
        guard let facts = document.element(id: "termination") else { return nil }
        let children = facts.elementChildren
        guard let index = children.firstIndex(where: { $0.name == "dt" && $0.text == label }), index + 1 < children.count else { return nil }
        return children[index + 1].text.trimmingCharacters(in: .whitespaces)
    }

    static func checkScreenshots(_ pages: [BrowserDashboard.Loaded]) throws {
        for case let file? in pages.map(\.screenshot) {
            let data = try Data(contentsOf: file)
            #expect(PNGHeader(data) == PNGHeader(width: 1400, height: 1000), "\(file.lastPathComponent)")
            #expect(data.count > 20_000, "\(file.lastPathComponent) is only \(data.count) bytes: a blank page?")
        }
    }

    /// The strict CSP (no inline script or style) holds: Chromium reports any refused resource on its log.
    static func checkNoPolicyViolations(_ pages: [BrowserDashboard.Loaded]) {
        for page in pages {
            #expect(!page.log.contains("Content Security Policy"), "\(page.log)")
        }
    }
}
