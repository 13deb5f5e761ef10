import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct TeamsNotifierTests {
    private func notifier(_ url: String, maximumBodyBytes: Int = 20_000) throws -> TeamsNotifier {
        try TeamsNotifier(name: "teams", configuration: TeamsConfiguration(url: url, requestTimeout: .seconds(30), maximumBodyBytes: maximumBodyBytes))
    }

    @Test func postsAnAdaptiveCardInTheMessageWrapper() async throws {
        try await withFakeTeams { teams, url in
            let receipt = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt == DeliveryReceipt())
            let delivery = try #require(teams.deliveries.first)
            #expect(teams.deliveries.count == 1)
            #expect(delivery.flowFailure == nil)
            #expect(delivery.card["version"] == "1.4")
            let texts = delivery.texts
            #expect(texts.first == "Container crashed: payments/api-7f9c")
            #expect(texts.contains("Reason: ") && texts.contains("OOMKilled\n"))
            #expect(texts.contains("137 (killed by SIGKILL (often the OOM killer))\n"))
            #expect(texts.contains { $0.hasPrefix("Logs before the crash (11 lines") })
            #expect(texts.contains { $0.hasSuffix("panic: runtime error: invalid memory address or nil pointer dereference") })
            #expect(delivery.markdownTexts.isEmpty)
            #expect(teams.snapshot.requests.first?.header("Authorization") == nil)
        }
    }

    @Test func hostileNamesStayPlainText() async throws {
        try await withFakeTeams { teams, url in
            var alert = Samples.hostile()
            alert.pod = "*evil* <at>here</at> [x](http://y)"
            _ = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let delivery = try #require(teams.deliveries.first)
            #expect(delivery.flowFailure == nil)
            // Only TextRuns and CodeBlocks carry cluster text: neither is markdown.
            #expect(delivery.markdownTexts.isEmpty)
            #expect(delivery.texts.first == "Container crashed: payments/*evil* <at>here</at> [x](http://y)")
            #expect(delivery.card.serializedString().contains("msteams\":{\"width\":\"Full\"}"))
            #expect(!delivery.texts.joined().contains("\u{202E}") && !delivery.texts.joined().contains("\u{1B}"))
            #expect(delivery.card["msteams"]?["entities"] == nil)
        }
    }

    @Test func longLogsAreCutToTheBodyLimitKeepingTheHeader() async throws {
        try await withFakeTeams { teams, url in
            let logs = (1...5_000).map { "line \($0) " + String(repeating: "é", count: 30) }.joined(separator: "\n")
            let teamsNotifier = try TeamsNotifier(name: "t", configuration: TeamsConfiguration(url: url, requestTimeout: .seconds(30), logLines: 5_000))
            _ = try await teamsNotifier.send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let delivery = try #require(teams.deliveries.first)
            #expect(delivery.bodyBytes <= 20_000)
            #expect(delivery.flowFailure == nil)
            #expect(delivery.texts.first == "Container crashed: payments/api-7f9c")
            #expect(delivery.texts.contains { $0.hasSuffix("line 5000 " + String(repeating: "é", count: 30)) })
        }
    }

    @Test func aRepeatIsAFullCardHeadedAsARepeat() async throws {
        try await withFakeTeams { teams, url in
            _ = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(threadID: "earlier"), logger: Samples.logger)
            #expect(teams.deliveries.first?.texts.first == "Crashed again: payments/api-7f9c")
        }
    }

    @Test(arguments: [
        (FakeAnswer.json(["error": ["code": "WorkflowTriggeredTooFast", "message": "Rate limit is exceeded."]], status: 429, headers: [("Retry-After", "7")]),
         NotifierError.retryable(reason: "Teams answered HTTP 429: WorkflowTriggeredTooFast: Rate limit is exceeded.", retryAfter: .seconds(7))),
        (.text("", status: 502), .retryable(reason: "Teams answered HTTP 502", retryAfter: nil)),
        (.json(["error": ["code": "WorkflowNotFound", "message": "gone"]], status: 404),
         .permanent(reason: "Teams answered HTTP 404: WorkflowNotFound: gone (the workflow was deleted or turned off)")),
        (.json(["error": ["code": "InvalidRequestContent", "message": "bad"]], status: 400), .permanent(reason: "Teams answered HTTP 400: InvalidRequestContent: bad")),
    ])
    func answersAreClassified(answer: FakeAnswer, expected: NotifierError) async throws {
        try await withFakeTeams { teams, url in
            teams.failNext(1, with: answer)
            await #expect(throws: expected) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
        }
    }

    @Test func aWrongSigIsPermanent() async throws {
        try await withFakeTeams { _, url in
            let wrong = url.replacingOccurrences(of: "sig=sig-secret-0001", with: "sig=nope")
            await #expect(throws: NotifierError.permanent(reason: "Teams answered HTTP 401: DirectApiAuthorizationRequired: The request must be authenticated only by Shared Access scheme. (the webhook URL or its sig= was not accepted: copy the whole URL from the workflow)")) {
                try await notifier(wrong).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func theFifthRequestInASecondIsRateLimited() async throws {
        let clock = SettableNow(Samples.occurredAt)
        try await withFakeTeams(FakeTeams(now: clock.closure)) { teams, url in
            let teamsNotifier = try notifier(url)
            for _ in 1...4 { _ = try await teamsNotifier.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            await #expect(throws: NotifierError.retryable(reason: "Teams answered HTTP 429: WorkflowTriggeredTooFast: Rate limit is exceeded.", retryAfter: nil)) {
                try await teamsNotifier.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            clock.advance(by: 1.01)
            _ = try await teamsNotifier.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(teams.deliveries.count == 5 && teams.snapshot.rateLimited == 1)
        }
    }

    @Test func retiredConnectorURLsAreRefusedWithDirections() {
        for url in [
            "https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456",
            "https://outlook.office.com/webhook/abc/IncomingWebhook/def/ghi",
        ] {
            #expect(throws: NotifierError.permanent(reason: "Teams: " + TeamsWebhookURL.retiredMessage)) { try notifier(url) }
        }
        #expect(TeamsWebhookURL.retiredMessage.contains("Workflows"))
        #expect(TeamsWebhookURL.problem("https://prod-01.westeurope.logic.azure.com:443/workflows/x/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s") == nil)
        #expect(TeamsWebhookURL.problem("https://default.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/x/triggers/manual/paths/invoke?api-version=1&sig=s") == nil)
    }
}
