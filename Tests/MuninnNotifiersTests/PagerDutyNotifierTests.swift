import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct PagerDutyNotifierTests {
    private func notifier(_ url: String, key: String = FakePagerDuty.routingKey, severity: PagerDutySeverity? = nil, maximumLogBytes: Int = 32 * 1024) -> PagerDutyNotifier {
        PagerDutyNotifier(
            name: "pagerduty",
            configuration: PagerDutyConfiguration(routingKey: key, apiURL: url, severity: severity, requestTimeout: .seconds(30), maximumLogBytes: maximumLogBytes))
    }

    @Test func triggersWithAStableDedupKeyAndDetails() async throws {
        try await withFakePagerDuty { pagerduty, url in
            let receipt = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt == DeliveryReceipt(messageID: "muninn/prod-eu/payments/api-7f9c/api"))
            let event = try #require(pagerduty.events.first)
            #expect(event.action == "trigger")
            #expect(event.dedupKey == "muninn/prod-eu/payments/api-7f9c/api")
            let payload = try #require(event.payload["payload"])
            #expect(payload["summary"] == "Container crashed: payments/api-7f9c container api: OOMKilled, exit code 137 [prod-eu]")
            #expect(payload["source"] == "prod-eu/payments/api-7f9c")
            #expect(payload["severity"] == "error")
            #expect(payload["component"] == "api")
            #expect(payload["group"] == "Deployment/api")
            #expect(payload["class"] == "OOMKilled")
            #expect(payload["timestamp"] == "2025-10-09T08:53:20Z")
            #expect(payload[path: ["custom_details", "exit_code"]] == "137 (killed by SIGKILL (often the OOM killer))")
            #expect(payload[path: ["custom_details", "logs"]]?.stringValue?.hasSuffix("nil pointer dereference") == true)
            #expect(event.payload["client"] == "Muninn")
        }
    }

    @Test func repeatsFoldIntoOneAlertAndRecoveryResolvesIt() async throws {
        try await withFakePagerDuty { pagerduty, url in
            let pd = notifier(url)
            var first = Samples.crash()
            _ = try await pd.send(first, to: DeliveryTarget(), logger: Samples.logger)
            // A later crash of the same container: a new alert id, the same dedup key.
            first.id = "uid-1234/api/containerd://def"
            first.restartCount = 9
            _ = try await pd.send(first, to: DeliveryTarget(threadID: "muninn/prod-eu/payments/api-7f9c/api"), logger: Samples.logger)
            var recovered = Samples.crash()
            recovered.id = "uid-1234/api/recovered"
            recovered.kind = .recovered
            let receipt = try await pd.send(recovered, to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt.note == "resolved")
            let events = pagerduty.events
            #expect(events.map(\.action) == ["trigger", "trigger", "resolve"])
            #expect(Set(events.map(\.dedupKey)) == ["muninn/prod-eu/payments/api-7f9c/api"])
            #expect(events.allSatisfy { $0.applied })
            #expect(events[2].payload["payload"] == nil)
            #expect(pagerduty.alert("muninn/prod-eu/payments/api-7f9c/api") == FakePagerDutyAlert(status: .resolved, triggers: 2, opened: 1))
        }
    }

    @Test func severityFollowsTheKindUnlessConfigured() {
        var alert = Samples.crash()
        alert.kind = .notReady
        let configuration = PagerDutyConfiguration(routingKey: FakePagerDuty.routingKey)
        #expect(PagerDutyEvent.body(for: alert, configuration: configuration)[path: ["payload", "severity"]] == "warning")
        var critical = configuration
        critical.severity = .critical
        #expect(PagerDutyEvent.body(for: alert, configuration: critical)[path: ["payload", "severity"]] == "critical")
    }

    @Test func longDedupKeysAreHashedWithinTheLimit() {
        var alert = Samples.crash()
        alert.pod = String(repeating: "p", count: 300)
        let key = PagerDutyEvent.dedupKey(for: alert)
        #expect(key.utf8.count <= 255)
        #expect(key == PagerDutyEvent.dedupKey(for: alert))
        alert.container = "other"
        #expect(key != PagerDutyEvent.dedupKey(for: alert))
    }

    @Test func logsAreTrimmedToTheirBudgetKeepingTheEnd() async throws {
        try await withFakePagerDuty { pagerduty, url in
            let logs = (1...20_000).map { "line \($0)" }.joined(separator: "\n")
            _ = try await notifier(url, maximumLogBytes: 2_000).send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let details = try #require(pagerduty.events.first?.payload[path: ["payload", "custom_details"]])
            let kept = try #require(details["logs"]?.stringValue)
            #expect(kept.utf8.count <= 2_000 && kept.hasSuffix("line 20000"))
            #expect(details["logs_cut"]?.stringValue?.contains("cut from the start") == true)
        }
    }

    @Test func errorsAreClassified() async throws {
        try await withFakePagerDuty { pagerduty, url in
            await #expect(throws: NotifierError.permanent(reason: "PagerDuty answered HTTP 400: Event object is invalid (Length of 'routing_key' is incorrect (should be 32 characters))")) {
                try await notifier(url, key: "short").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            pagerduty.failNext(1, with: .json(["status": "throttle exceeded", "message": "Requests for this service are arriving too quickly. Please retry later."], status: 429))
            await #expect(throws: NotifierError.retryable(reason: "PagerDuty answered HTTP 429: Requests for this service are arriving too quickly. Please retry later.", retryAfter: nil)) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            pagerduty.failNext(1, with: .text("Service Unavailable", status: 503, headers: [("Retry-After", "30")]))
            await #expect(throws: NotifierError.retryable(reason: "PagerDuty answered HTTP 503: Service Unavailable", retryAfter: .seconds(30))) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(pagerduty.events.isEmpty)
        }
    }

    @Test func theFakeThrottlesAt120AMinutePerKey() async throws {
        let clock = SettableNow(Samples.occurredAt)
        let fake = FakePagerDuty(now: clock.closure)
        fake.update { $0.perMinute = 3 }
        try await withFakePagerDuty(fake) { pagerduty, url in
            for _ in 1...3 { _ = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            await #expect(throws: NotifierError.self) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            clock.advance(by: 61)
            _ = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(pagerduty.snapshot.rateLimited == 1 && pagerduty.events.count == 4)
        }
    }
}
