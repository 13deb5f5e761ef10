import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct LokiNotifierTests {
    /// The fake's clock: a minute after the sample crash.
    static let now: @Sendable () -> Date = { Samples.occurredAt.addingTimeInterval(60) }
    static let labels = ["muninn": "crash", "cluster": "prod-eu", "namespace": "payments", "pod": "api-7f9c", "container": "api", "reason": "OOMKilled"]

    private func notifier(_ url: String, tenant: String? = nil, authentication: HTTPAuthentication = .none, maximumLineBytes: Int = 256 * 1024) throws -> LokiNotifier {
        try LokiNotifier(
            name: "loki", configuration: LokiConfiguration(url: url, tenant: tenant, authentication: authentication, maximumLineBytes: maximumLineBytes),
            now: Self.now)
    }

    @Test func pushesTheLogAsOneLabelledStreamInOrder() async throws {
        try await withFakeLoki(FakeLoki(requireTenant: true, now: Self.now)) { fake, url in
            let receipt = try await notifier(url, tenant: "team-a").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let request = try #require(fake.snapshot.requests.first)
            #expect(request.method == "POST" && request.path == "/loki/api/v1/push")
            #expect(request.header("Content-Type") == "application/json" && request.header("X-Scope-OrgID") == "team-a")
            let body = try JSONValue(parsing: request.body)
            let stream = try #require(body["streams"]?[0])
            #expect(stream["stream"] == ["muninn": "crash", "cluster": "prod-eu", "namespace": "payments", "pod": "api-7f9c", "container": "api", "reason": "OOMKilled"])
            let values = try #require(stream["values"]?.arrayValue)
            let expectedLines = Samples.crashLog.dropLast().split(separator: "\n").map(String.init)
            #expect(values.compactMap { $0[1]?.stringValue } == expectedLines)
            let stamps = values.compactMap { $0[0]?.stringValue }.compactMap { Int64($0) }
            #expect(stamps.count == values.count && zip(stamps, stamps.dropFirst()).allSatisfy { $0 < $1 })
            #expect(stamps.last == 1_760_000_000_000_000_000)
            #expect(fake.entries(Self.labels, tenant: "team-a").map(\.line) == expectedLines)
            #expect(receipt.note?.hasPrefix("41 lines pushed to {muninn=\"crash\",cluster=\"prod-eu\"") == true)
        }
    }

    @Test func aRepeatedPushStoresNothingTwice() async throws {
        try await withFakeLoki(FakeLoki(now: Self.now)) { fake, url in
            let loki = try notifier(url)
            _ = try await loki.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            _ = try await loki.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(fake.entries(Self.labels).count == 41)
            #expect(fake.snapshot.duplicatesDropped == 41)
        }
    }

    @Test func aRateLimitIsRetryableAndATooOldCrashIsNot() async throws {
        try await withFakeLoki(FakeLoki(ingestionRate: (bytesPerSecond: 100, burst: 500), now: Self.now)) { fake, url in
            let error = await #expect(throws: NotifierError.self) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            #expect(error?.isRetryable == true)
            #expect(error?.description.contains("ingestion rate limit exceeded for user fake (limit: 100 bytes/sec)") == true)
        }
        try await withFakeLoki(FakeLoki(now: { Samples.occurredAt.addingTimeInterval(30 * 24 * 3600) })) { fake, url in
            let error = await #expect(throws: NotifierError.self) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("has timestamp too old") == true)
        }
    }

    @Test(arguments: [
        (FakeAnswer.text("Maximum active stream limit exceeded", status: 429, headers: [("Retry-After", "5")]), true, Duration?.some(.seconds(5))),
        (.text("", status: 503), true, nil),
        (.text("", status: 260), true, nil),
        (.text("no org id", status: 401), false, nil),
        (.text("404 page not found", status: 404), false, nil),
        (.text("error at least one label pair is required per stream", status: 400), false, nil),
    ])
    func answersAreClassified(answer: FakeAnswer, retryable: Bool, retryAfter: Duration?) async throws {
        try await withFakeLoki(FakeLoki(now: Self.now)) { fake, url in
            fake.failNext(1, with: answer)
            let error = await #expect(throws: NotifierError.self) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            #expect(error?.isRetryable == retryable && error?.retryAfter == retryAfter)
        }
    }

    @Test(arguments: [
        (HTTPAuthentication.basic(username: "123456", password: "glc_token"), "Basic MTIzNDU2OmdsY190b2tlbg=="),
        (.bearer(token: "glc_token"), "Bearer glc_token"),
    ])
    func credentialsAreSent(authentication: HTTPAuthentication, header: String) async throws {
        try await withFakeLoki(FakeLoki(authorization: header, now: Self.now)) { fake, url in
            _ = try await notifier(url, authentication: authentication).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(fake.pushes.count == 1)
            let error = await #expect(throws: NotifierError.self) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            #expect(error?.isRetryable == false)
        }
    }

    @Test func longLinesAreCutAndAMissingLogIsOneLine() async throws {
        try await withFakeLoki(FakeLoki(maximumLineBytes: 1_000, now: Self.now)) { fake, url in
            let long = String(repeating: "é", count: 2_000)
            _ = try await notifier(url, maximumLineBytes: 1_000).send(Samples.crash(logs: "start\n" + long), to: DeliveryTarget(), logger: Samples.logger)
            let lines = fake.entries(Self.labels).map(\.line)
            #expect(lines.count == 2 && lines[1].utf8.count == 1_000)
            var alert = Samples.crash(logs: nil)
            alert.id = "other"
            alert.reason = "Error"
            alert.logsUnavailableReason = "pod deleted"
            _ = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            var labels = Self.labels
            labels["reason"] = "Error"
            #expect(fake.entries(labels).map(\.line) == [
                "muninn: Container crashed: payments/api-7f9c container api: Error, exit code 137 [prod-eu]; no logs: pod deleted",
            ])
        }
    }

    @Test func extraLabelsMustBeValidLabelNames() throws {
        #expect(throws: ExportConfigurationError.self) { try LokiNotifier(name: "l", configuration: LokiConfiguration(url: "http://x", extraLabels: ["bad-name": "x"])) }
        #expect(throws: ExportConfigurationError.self) { try LokiNotifier(name: "l", configuration: LokiConfiguration(url: "http://x", extraLabels: ["__name__": "x"])) }
        let loki = try LokiNotifier(name: "l", configuration: LokiConfiguration(url: "http://x", extraLabels: ["env": "prod"]))
        #expect(loki.configuration.extraLabels == ["env": "prod"])
    }
}
