import Foundation
import KubeJSON
import KubeletModel
import NotifierFakes
import Testing

/// Simulated crashes -> the real pipeline (detector, outbox, enrichment, routing) -> Elasticsearch and Loki receivers
/// that enforce their APIs: every crash is one document and one stream, even when the receivers fail first or an
/// answer is lost after the work was done.
@Suite(.timeLimit(.minutes(3)))
struct ExportsEndToEndTests {
    static func yaml(webhookURL: String, esURL: String, lokiURL: String, exportTimeout: String = "10s", indexTemplate: Bool = true) -> String {
        """
        cluster:
          name: e2e
        destinations:
          audit:
            type: webhook
            url: \(webhookURL)
            secret: \(AlertPipelineEndToEndTests.webhookSecret)
          es:
            type: elasticsearch
            url: \(esURL)
            username: muninn
            password: es-password
            indexTemplate: \(indexTemplate)
            requestTimeout: \(exportTimeout)
          loki:
            type: loki
            url: \(lokiURL)
            tenant: e2e-tenant
            requestTimeout: \(exportTimeout)
        alerts:
          notReadyAfter: off
          flood:
            expiry: off
        delivery:
          retry:
            initial: 100ms
            max: 200ms
        """
    }

    /// Loki's clock: the simulated cluster's (it starts at 1_790_000_000), else every crash would be too old for it.
    static let lokiNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_790_000_000 + 3600) }

    static let esAuthorization = "Basic " + Data("muninn:es-password".utf8).base64EncodedString()

    @Test func crashesBecomeOneDocumentAndOneStreamEachEvenWhenTheReceiversFailFirst() async throws {
        try await TestCluster.with(scenario: AlertPipelineEndToEndTests.quietScenario, playFor: 10) { cluster in
            try await withFakeWebhook(FakeWebhookReceiver(key: AlertPipelineEndToEndTests.webhookKey)) { webhook, webhookURL in
                try await withFakeElasticsearch(FakeElasticsearch(authorization: Self.esAuthorization)) { es, esURL in
                    try await withFakeLoki(FakeLoki(requireTenant: true, now: Self.lokiNow)) { loki, lokiURL in
                        // The template request meets a full write queue, then the first document is rejected item-wise.
                        es.failNext(1, with: FakeElasticsearch.tooManyRequests)
                        es.scriptItems([.rejected])
                        loki.failNext(1, with: .text("upstream connect error", status: 503))
                        let harness = try PipelineHarness(
                            yaml: Self.yaml(webhookURL: webhookURL, esURL: esURL, lokiURL: lokiURL), cluster: cluster,
                            storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                        try await harness.running {
                            let api = try cluster.podName(of: "api", in: "prod")
                            try cluster.perform(.oom(target: "prod/\(api)"))
                            let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                            #expect(deliveries.map { $0.payload["reason"]?.stringValue } == ["OOMKilled"])
                            // The OOM kill and the sentinel's crash.
                            _ = try await es.waitForDocuments(2)
                            _ = try await loki.waitForPushes(2)

                            let documents = es.snapshot.documents
                            #expect(documents.count == 2 && es.snapshot.overwrites == 0 && es.writes.count == 2)
                            let oom = try #require(documents.first { $0.source["pod_name"]?.stringValue == api })
                            #expect(oom.id == deliveries.first?.payload["id"]?.stringValue)
                            #expect(oom.source["cluster_name"] == "e2e" && oom.source["namespace"] == "prod" && oom.source["container_name"] == "api")
                            #expect(oom.source["reason"] == "OOMKilled" && oom.source["exit_code"] == 137 && oom.source["kind"] == "crashed")
                            #expect(oom.source["termination_state"]?.stringValue?.hasPrefix("&ContainerStateTerminated{ExitCode:137,Signal:0,Reason:OOMKilled,") == true)
                            #expect(oom.source["restart_count"]?.intValue == (deliveries.first?.payload["restartCount"]?.intValue ?? 0))
                            let createdAt = try #require(oom.source["created_at"]?.intValue)
                            let day = Date(timeIntervalSince1970: Double(createdAt) / 1000)
                            let formatter = DateFormatter()
                            formatter.dateFormat = "yyyy.MM.dd"
                            formatter.timeZone = TimeZone(identifier: "UTC")
                            #expect(oom.index == "k8s-crash-monitor-" + formatter.string(from: day))
                            #expect(es.snapshot.templates["k8s-crash-monitor"] != nil)

                            let stream = ["muninn": "crash", "cluster": "e2e", "namespace": "prod", "pod": api, "container": "api", "reason": "OOMKilled"]
                            let entries = loki.entries(stream, tenant: "e2e-tenant")
                            #expect(!entries.isEmpty && loki.snapshot.duplicatesDropped == 0)
                            #expect(entries.last?.timestamp == createdAt * 1_000_000)
                            #expect(loki.snapshot.streams["e2e-tenant"]?.count == 2)
                        }
                    }
                }
            }
        }
    }

    @Test func anAnswerLostAfterTheWorkWasDoneIsSentAgainWithoutADuplicate() async throws {
        try await TestCluster.with(scenario: AlertPipelineEndToEndTests.quietScenario, playFor: 10) { cluster in
            try await withFakeWebhook(FakeWebhookReceiver(key: AlertPipelineEndToEndTests.webhookKey)) { webhook, webhookURL in
                try await withFakeElasticsearch(FakeElasticsearch(authorization: Self.esAuthorization)) { es, esURL in
                    try await withFakeLoki(FakeLoki(requireTenant: true, now: Self.lokiNow)) { loki, lokiURL in
                        es.loseNextAnswers(1)
                        loki.loseNextAnswers(1)
                        let harness = try PipelineHarness(
                            yaml: Self.yaml(webhookURL: webhookURL, esURL: esURL, lokiURL: lokiURL, exportTimeout: "500ms", indexTemplate: false),
                            cluster: cluster, storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                        try await harness.running {
                            let api = try cluster.podName(of: "api", in: "prod")
                            try cluster.perform(.crash(target: "prod/\(api)", exit: .error(exitCode: 3)))
                            _ = try await es.waitForDocuments(2)
                            _ = try await loki.waitForPushes(2)
                            // Stored twice, kept once: the retry replaced the document with the same _id.
                            #expect(es.snapshot.documents.count == 1 && es.snapshot.overwrites == 1)
                            let pushes = loki.pushes
                            let lines = pushes[0].streams.first?.entries.count ?? 0
                            #expect(lines > 0 && loki.snapshot.duplicatesDropped == lines)
                            #expect(pushes[0].streams.first?.entries == pushes[1].streams.first?.entries)
                            let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                            #expect(deliveries.count == 1 && webhook.snapshot.duplicates == 0)
                        }
                    }
                }
            }
        }
    }
}
