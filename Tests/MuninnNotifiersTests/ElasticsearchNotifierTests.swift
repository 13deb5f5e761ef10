import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct ElasticsearchNotifierTests {
    private func notifier(
        _ url: String, authentication: HTTPAuthentication = .none, template: Bool = true, maximumLogBytes: Int = 1_000_000,
        timeout: Duration = .seconds(10)
    ) throws -> ElasticsearchNotifier {
        try ElasticsearchNotifier(
            name: "es",
            configuration: ElasticsearchConfiguration(
                url: url, authentication: authentication, installIndexTemplate: template, maximumLogBytes: maximumLogBytes, requestTimeout: timeout),
            now: { Samples.occurredAt })
    }

    private static func crash() -> Alert {
        var alert = Samples.crash()
        alert.startedAt = Date(timeIntervalSince1970: 1_759_999_800)
        alert.containerID = "containerd://abc"
        return alert
    }

    @Test func indexesOneDocumentWithThePodMonitorFieldsIntoTheDailyIndex() async throws {
        try await withFakeElasticsearch { fake, url in
            let receipt = try await notifier(url).send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt.channel == "k8s-crash-monitor-2025.10.09")
            #expect(receipt.messageID == "uid-1234/api/containerd://abc")
            #expect(receipt.note == "created in k8s-crash-monitor-2025.10.09")
            let requests = fake.snapshot.requests
            #expect(requests.map { "\($0.method) \($0.path)" } == ["PUT /_index_template/k8s-crash-monitor", "POST /_bulk"])
            let bulk = try #require(requests.last)
            #expect(bulk.header("Content-Type") == "application/x-ndjson")
            #expect(bulk.body.last == UInt8(ascii: "\n"))
            let lines = bulk.bodyText.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 3 && lines[2].isEmpty)
            #expect(try JSONValue(parsing: String(lines[0])) == ["index": ["_index": "k8s-crash-monitor-2025.10.09", "_id": "uid-1234/api/containerd://abc"]])

            let document = try #require(fake.snapshot.indices["k8s-crash-monitor-2025.10.09"]?["uid-1234/api/containerd://abc"])
            let source = document.source
            // The Pod Monitor's fields, with its names, types and formats.
            #expect(source["namespace"] == "payments")
            #expect(source["pod_name"] == "api-7f9c")
            #expect(source["container_name"] == "api")
            #expect(source["created_at"] == .int(1_760_000_000_000))
            #expect(source["cluster_name"] == "prod-eu")
            #expect(source["logs"]?.stringValue == String(Samples.crashLog.dropLast()))
            #expect(source["restart_count"] == 8)
            #expect(source["termination_state"] == .string(
                "&ContainerStateTerminated{ExitCode:137,Signal:0,Reason:OOMKilled,Message:,StartedAt:2025-10-09 08:50:00 +0000 UTC,"
                    + "FinishedAt:2025-10-09 08:53:20 +0000 UTC,ContainerID:containerd://abc,}"))
            // Muninn's own.
            #expect(source["@timestamp"] == "2025-10-09T08:53:20.000Z")
            #expect(source["incident_id"] == "uid-1234/api/containerd://abc")
            #expect(source["kind"] == "crashed" && source["reason"] == "OOMKilled" && source["exit_code"] == 137)
            #expect(source["signal"] == .null && source["node"] == "node-a" && source["image"] == "registry.example/api:1.4.2")
            #expect(source["workload_kind"] == "Deployment" && source["workload_name"] == "api")
            #expect(source["events"] == ["BackOff: Back-off restarting failed container api", "OOMKilling: Memory cgroup out of memory"])
            #expect(source["restarts_seen"] == 3 && source["seen_late"] == false && source["logs_truncated"] == false)
            #expect(source["exit_code_meaning"] == "killed by SIGKILL (often the OOM killer)")
            #expect(source.objectValue?.keys.prefix(8) == [
                "namespace", "pod_name", "container_name", "created_at", "cluster_name", "logs", "restart_count", "termination_state",
            ])
        }
    }

    @Test func theTemplateGivesThePodMonitorMappingAndIsInstalledOnce() async throws {
        try await withFakeElasticsearch { fake, url in
            let export = try notifier(url)
            _ = try await export.send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            var other = Self.crash()
            other.id = "uid-5678/api/containerd://def"
            _ = try await export.send(other, to: DeliveryTarget(), logger: Samples.logger)
            #expect(fake.snapshot.requests.filter { $0.path.hasPrefix("/_index_template") }.count == 1)
            let template = try #require(fake.snapshot.templates["k8s-crash-monitor"])
            #expect(template["index_patterns"] == ["k8s-crash-monitor-*"])
            let properties = try #require(template[path: ["template", "mappings", "properties"]])
            #expect(properties["created_at"] == ["type": "date", "format": "epoch_millis"])
            #expect(properties["logs"] == ["type": "text", "index": false])
            for field in ["namespace", "pod_name", "container_name", "cluster_name"] { #expect(properties[field] == ["type": "keyword"]) }
            #expect(properties["restart_count"] == ["type": "long"] && properties["termination_state"] == ["type": "text"])
            #expect(fake.snapshot.documents.count == 2)
        }
    }

    @Test func aForbiddenTemplateIsSkippedAndTheDocumentStillGoesIn() async throws {
        try await withFakeElasticsearch { fake, url in
            fake.failNext(1, with: .json(["error": ["type": "security_exception", "reason": "action [indices:admin/index_template/put] is unauthorized"], "status": 403], status: 403))
            let export = try notifier(url)
            _ = try await export.send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            _ = try await export.send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(fake.snapshot.requests.map(\.path) == ["/_index_template/k8s-crash-monitor", "/_bulk", "/_bulk"])
            #expect(fake.snapshot.documents.count == 1)
        }
    }

    @Test func theIndexIsTheUTCDayOfTheIncident() throws {
        let lateEvening = try #require(ISO8601DateFormatter().date(from: "2026-08-21T23:59:59Z"))
        #expect(ElasticsearchIndexName.daily(prefix: "k8s-crash-monitor", date: lateEvening) == "k8s-crash-monitor-2026.08.21")
        #expect(ElasticsearchIndexName.daily(prefix: "crashes", date: lateEvening.addingTimeInterval(2)) == "crashes-2026.08.22")
        #expect(ElasticsearchIndexName.prefixProblem("K8s") != nil)
        #expect(ElasticsearchIndexName.prefixProblem("_crashes") != nil)
        #expect(ElasticsearchIndexName.prefixProblem("a b") != nil)
        #expect(ElasticsearchIndexName.prefixProblem("k8s-crash-monitor") == nil)
        #expect(throws: ExportConfigurationError.self) { try ElasticsearchNotifier(name: "es", configuration: .init(url: "http://x", indexPrefix: "Crashes")) }
    }

    @Test func aLateDeliveryLandsInTheIndexOfTheDayTheCrashHappened() async throws {
        try await withFakeElasticsearch { fake, url in
            var alert = Self.crash()
            alert.occurredAt = try #require(ISO8601DateFormatter().date(from: "2025-10-08T23:59:30Z"))
            let receipt = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt.channel == "k8s-crash-monitor-2025.10.08")
            #expect(fake.snapshot.indices.keys.sorted() == ["k8s-crash-monitor-2025.10.08"])
        }
    }

    @Test func aReplayReplacesTheDocumentInsteadOfAddingOne() async throws {
        try await withFakeElasticsearch { fake, url in
            let export = try notifier(url)
            _ = try await export.send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let receipt = try await export.send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt.note == "updated in k8s-crash-monitor-2025.10.09")
            #expect(fake.snapshot.documents.count == 1 && fake.snapshot.overwrites == 1)
        }
    }

    @Test(arguments: [FakeElasticsearchItemAnswer.rejected, .openSearchRejected, .unavailableShards])
    func aRejectedItemIsRetryableAndTheRetryStoresIt(answer: FakeElasticsearchItemAnswer) async throws {
        try await withFakeElasticsearch { fake, url in
            fake.scriptItems([answer])
            let export = try notifier(url)
            let error = await #expect(throws: NotifierError.self) { try await export.send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            #expect(error?.isRetryable == true && error?.retryAfter == nil)
            #expect(error?.description.contains("rejected_execution_exception") == true || error?.description.contains("unavailable_shards") == true)
            #expect(fake.snapshot.documents.isEmpty)
            _ = try await export.send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(fake.snapshot.documents.count == 1)
        }
    }

    @Test func aMappingErrorIsPermanentWithTheReason() async throws {
        try await withFakeElasticsearch { fake, url in
            fake.scriptItems([.mapperParsing("failed to parse field [created_at] of type [date]")])
            await #expect(
                throws: NotifierError.permanent(
                    reason: "Elasticsearch rejected the document for k8s-crash-monitor-2025.10.09 (HTTP 400): mapper_parsing_exception: failed to parse field [created_at] of type [date]")
            ) { try await notifier(url).send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger) }
        }
    }

    @Test func aFieldOfTheWrongTypeIsRefusedByTheTemplateMapping() async throws {
        try await withFakeElasticsearch { fake, url in
            // An index whose mapping says restart_count is a long, and a document that disagrees, as a
            // template installed by someone else would cause.
            let template: JSONValue = ["index_patterns": ["k8s-crash-monitor-*"], "template": ["mappings": ["properties": ["node": ["type": "long"]]]]]
            _ = fake.handle(RecordedRequest(method: "PUT", path: "/_index_template/other", body: template.serialized()))
            let error = await #expect(throws: NotifierError.self) {
                try await notifier(url, template: false).send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("document_parsing_exception: [1:7] failed to parse field [node] of type [long]") == true)
        }
    }

    @Test(arguments: [
        (FakeAnswer.json(["error": ["type": "es_rejected_execution_exception", "reason": "rejected execution"], "status": 429], status: 429, headers: [("Retry-After", "7")]),
         NotifierError.retryable(reason: "Elasticsearch at 127.0.0.1 answered HTTP 429: es_rejected_execution_exception: rejected execution", retryAfter: .seconds(7))),
        (FakeElasticsearch.tooManyRequests,
         .retryable(reason: "Elasticsearch at 127.0.0.1 answered HTTP 429: es_rejected_execution_exception: rejected execution of coordinating operation", retryAfter: nil)),
        (.text("<html>bad gateway</html>", status: 502), .retryable(reason: "Elasticsearch at 127.0.0.1 answered HTTP 502: <html>bad gateway</html>", retryAfter: nil)),
        (.json(["error": ["type": "security_exception", "reason": "unable to authenticate user [muninn]"], "status": 401], status: 401),
         .permanent(reason: "Elasticsearch at 127.0.0.1 answered HTTP 401: security_exception: unable to authenticate user [muninn] (check username and password, or the API key)")),
        (.text("", status: 404), .permanent(reason: "Elasticsearch at 127.0.0.1 answered HTTP 404 (check the URL)")),
        (.text("<html>proxy login</html>", status: 200), .retryable(reason: "Elasticsearch at 127.0.0.1 answered HTTP 200 without bulk items (a proxy?)", retryAfter: nil)),
    ])
    func wholeRequestAnswersAreClassified(answer: FakeAnswer, expected: NotifierError) async throws {
        try await withFakeElasticsearch { fake, url in
            fake.failNext(1, with: answer)
            let error = await #expect(throws: NotifierError.self) {
                try await notifier(url, template: false).send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            // The host carries the fake's port; compare without it.
            let reason = error.map { "\($0)" }?.replacingOccurrences(of: #":\d+ answered"#, with: " answered", options: .regularExpression)
            #expect(reason == expected.description)
            #expect(error?.retryAfter == expected.retryAfter)
        }
    }

    @Test(arguments: [
        (HTTPAuthentication.basic(username: "muninn", password: "s3cret"), "Basic bXVuaW5uOnMzY3JldA=="),
        (.apiKey("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="), "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="),
        (.apiKey("VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw"), "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="),
    ])
    func credentialsGoInTheAuthorizationHeader(authentication: HTTPAuthentication, header: String) async throws {
        try await withFakeElasticsearch(FakeElasticsearch(authorization: header)) { fake, url in
            _ = try await notifier(url, authentication: authentication).send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(fake.snapshot.requests.allSatisfy { $0.header("Authorization") == header })
            #expect(fake.snapshot.documents.count == 1)
            let wrong = try notifier(url, authentication: .basic(username: "muninn", password: "wrong"))
            let error = await #expect(throws: NotifierError.self) { try await wrong.send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            #expect(error?.isRetryable == false && error?.description.contains("HTTP 401") == true)
            #expect(error?.description.contains("wrong") == false)
        }
    }

    @Test func longLogsKeepTheirLastBytes() async throws {
        try await withFakeElasticsearch { fake, url in
            let logs = (1...5_000).map { "line \($0) ✓" }.joined(separator: "\n")
            _ = try await notifier(url, maximumLogBytes: 10_000).send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let source = try #require(fake.snapshot.documents.first?.source)
            let text = try #require(source["logs"]?.stringValue)
            #expect(text.utf8.count <= 10_000 && text.utf8.count > 9_900)
            #expect(text.hasSuffix("line 4999 ✓\nline 5000 ✓"))
            #expect(source["logs_truncated"] == true)
        }
    }

    @Test func logsAreRedactedAndPodLevelAlertsSayNotAvailable() async throws {
        try await withFakeElasticsearch { fake, url in
            var alert = Samples.crash(logs: nil)
            alert.kind = .evicted
            alert.container = nil
            alert.exitCode = nil
            alert.logsUnavailableReason = "the pod was evicted"
            alert.message = "Authorization: Bearer abc.def.ghi"
            _ = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let source = try #require(fake.snapshot.documents.first?.source)
            #expect(source["termination_state"] == "Not Available")
            #expect(source["container_name"] == .null && source["logs"] == "")
            #expect(source["logs_unavailable_reason"] == "the pod was evicted")
            #expect(source["message"]?.stringValue?.contains("abc.def.ghi") == false)
        }
    }

    @Test func anUnansweredRequestTimesOutAsRetryable() async throws {
        try await withFakeElasticsearch { fake, url in
            fake.holdNext(1)
            let error = await #expect(throws: NotifierError.self) {
                try await notifier(url, template: false, timeout: .milliseconds(300)).send(Self.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(error?.isRetryable == true)
        }
    }

    @Test func terminationStateFollowsClientGoForFractionsAndMissingTimes() {
        var alert = Self.crash()
        alert.startedAt = nil
        alert.signal = 9
        alert.occurredAt = Date(timeIntervalSince1970: 1_760_000_000.25)
        #expect(TerminationStateText.text(for: alert) == "&ContainerStateTerminated{ExitCode:137,Signal:9,Reason:OOMKilled,Message:,StartedAt:0001-01-01 00:00:00 +0000 UTC,FinishedAt:2025-10-09 08:53:20.25 +0000 UTC,ContainerID:containerd://abc,}")
    }
}
