import Foundation
import KubeJSON
import KubeletModel
import MuninnCore
import NotifierFakes
import Testing

/// Each chat and paging destination behind the real pipeline (simulator, client, detector, SQLite
/// outbox, enrichment, routing, notifier) and its enforcing fake: an OOM kill arrives exactly once,
/// also when the destination's first answer was a rate limit. One at a time: each runs a simulator
/// and a whole pipeline, and seven at once starve the rest of the test run on small machines.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DestinationsEndToEndTests {
    /// Runs the pipeline with the audit webhook and one more destination (`destination`: its YAML
    /// mapping lines), OOM-kills `api`, waits until the sentinel reached the webhook, then runs
    /// `waitForDestination` while the pipeline still runs.
    static func oomKill(destination: String, _ waitForDestination: () async throws -> Void) async throws {
        try await TestCluster.with(scenario: AlertPipelineEndToEndTests.quietScenario, playFor: 10) { cluster in
            try await withFakeWebhook(FakeWebhookReceiver(key: AlertPipelineEndToEndTests.webhookKey)) { webhook, webhookURL in
                let yaml = """
                    cluster:
                      name: e2e
                    alerts:
                      notReadyAfter: off
                      flood:
                        expiry: off
                    destinations:
                      audit:
                        type: webhook
                        url: \(webhookURL)
                        secret: \(AlertPipelineEndToEndTests.webhookSecret)
                      chat:
                    \(destination.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
                    """
                let harness = try PipelineHarness(yaml: yaml, cluster: cluster, storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                try await harness.running {
                    try cluster.perform(.oom(target: "prod/\(try cluster.podName(of: "api", in: "prod"))"))
                    let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                    #expect(deliveries.map { $0.payload["reason"]?.stringValue } == ["OOMKilled"])
                    try await waitForDestination()
                }
            }
        }
    }

    @Test func teams() async throws {
        try await withFakeTeams { teams, url in
            teams.failNext(1, with: .json(["error": ["code": "WorkflowTriggeredTooFast", "message": "Rate limit is exceeded."]], status: 429, headers: [("Retry-After", "1")]))
            try await Self.oomKill(destination: "type: teams\nurl: \"\(url)\"") {
                _ = try await teams.waitForMessages(2)
            }
            let deliveries = teams.deliveries
            #expect(deliveries.count == 2)
            #expect(teams.snapshot.requests.count >= 3, "the 429 was answered and retried")
            #expect(deliveries.allSatisfy { $0.flowFailure == nil })
            #expect(deliveries.first?.texts.contains("OOMKilled\n") == true)
        }
    }

    @Test func discord() async throws {
        try await withFakeDiscord { discord, url in
            discord.failNext(1, with: FakeDiscord.rateLimited(retryAfter: 0.5))
            try await Self.oomKill(destination: "type: discord\nurl: \(url)") {
                _ = try await discord.waitForMessages(2)
            }
            #expect(discord.messages.count == 2)
            #expect(discord.snapshot.requests.count >= 3)
            #expect(discord.messages.first?.embed?["fields"]?.arrayValue?.contains(["name": "Reason", "value": "OOMKilled", "inline": true]) == true)
        }
    }

    @Test func telegram() async throws {
        try await withFakeTelegram { telegram, apiURL in
            telegram.failNext(1, with: FakeTelegram.tooManyRequests(retryAfter: 1))
            let token = telegram.snapshot.token
            try await Self.oomKill(destination: "type: telegram\ntoken: \"\(token)\"\nchatID: \"-1001234567890\"\napiURL: \(apiURL)") {
                _ = try await telegram.waitForMessages(2)
            }
            #expect(telegram.messages.count == 2)
            #expect(telegram.snapshot.requests.count >= 3)
            #expect(telegram.messages.first?.visibleText.contains("Reason: OOMKilled") == true)
        }
    }

    @Test func pagerduty() async throws {
        try await withFakePagerDuty { pagerduty, url in
            pagerduty.failNext(1, with: .json(["status": "throttle exceeded", "message": "Requests for this service are arriving too quickly. Please retry later."], status: 429))
            try await Self.oomKill(destination: "type: pagerduty\nroutingKey: \(FakePagerDuty.routingKey)\napiURL: \(url)") {
                _ = try await pagerduty.waitForMessages(2)
            }
            let events = pagerduty.events
            #expect(events.count == 2 && events.allSatisfy { $0.action == "trigger" })
            #expect(pagerduty.snapshot.requests.count >= 3)
            let oom = try #require(events.first { $0.payload[path: ["payload", "class"]] == "OOMKilled" })
            #expect(oom.dedupKey.hasPrefix("muninn/e2e/prod/api-"))
            #expect(pagerduty.alert(oom.dedupKey)?.triggers == 1)
        }
    }

    @Test func mattermost() async throws {
        try await withFakeMattermost { mattermost, url in
            mattermost.failNext(1, with: .text("limit exceeded", status: 429, headers: [("Retry-After", "1")]))
            try await Self.oomKill(destination: "type: mattermost\nurl: \(url)") {
                _ = try await mattermost.waitForMessages(2)
            }
            #expect(mattermost.posts.count == 2)
            #expect(mattermost.snapshot.requests.count >= 3)
            #expect(mattermost.posts.first?.payload["attachments"]?[0]?["fields"]?.arrayValue?.contains(["title": "Reason", "value": "OOMKilled", "short": true]) == true)
            #expect(mattermost.snapshot.mentions.isEmpty)
        }
    }

    @Test func googleChat() async throws {
        try await withFakeGoogleChat { chat, url in
            chat.failNext(1, with: FakeGoogleChat.error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."))
            try await Self.oomKill(destination: "type: googlechat\nurl: \"\(url)\"") {
                _ = try await chat.waitForMessages(2)
            }
            #expect(chat.messages.count == 2)
            #expect(chat.snapshot.requests.count >= 3)
            #expect(chat.messages.first?.visibleTexts.contains("OOMKilled") == true)
            #expect(Set(chat.messages.compactMap(\.threadKey)).count == 2)
        }
    }

    @Test func feishu() async throws {
        let token = "f3a9c2d1-0000-4000-8000-feishu000001"
        try await withFakeFeishu(FakeFeishu(bots: [token: FakeFeishuBot(secret: "e2e-feishu-secret", keywords: ["Kubernetes"])])) { feishu, url in
            feishu.failNext(1, code: 11232, msg: "frequency limited")
            try await Self.oomKill(destination: "type: feishu\nurl: \(url)\nsecret: e2e-feishu-secret\nkeyword: Kubernetes") {
                _ = try await feishu.waitForMessages(2)
            }
            #expect(feishu.accepted.count == 2)
            #expect(feishu.snapshot.requests.count >= 3)
            #expect(feishu.accepted.allSatisfy { $0.sign != nil })
            #expect(feishu.accepted.first?.texts.contains("Reason: OOMKilled") == true)
        }
    }
}
