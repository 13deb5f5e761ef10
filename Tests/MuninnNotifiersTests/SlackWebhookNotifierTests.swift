import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct SlackWebhookNotifierTests {
    @Test func postsTheBlockKitMessage() async throws {
        try await withFakeSlackWebhook { hook, url in
            let receipt = try await SlackWebhookNotifier(name: "hook", url: url).send(Samples.hostile(), to: DeliveryTarget(channel: "#ignored"), logger: Samples.logger)
            #expect(receipt == DeliveryReceipt())
            let state = hook.snapshot
            let payload = try #require(hook.payloads.first)
            #expect(hook.payloads.count == 1)
            #expect(payload["channel"] == nil)
            #expect(payload["blocks"]?.arrayValue?.count == 6)
            #expect(payload["text"]?.stringValue?.hasPrefix("Container crashed: payments/api-&lt;!channel&gt;") == true)
            #expect(state.pings.isEmpty)
        }
    }

    @Test(arguments: [
        (FakeAnswer.text("no_service", status: 404), NotifierError.permanent(reason: "Slack webhook: HTTP 404 no_service (the webhook was removed or disabled: create a new one)")),
        (.text("invalid_payload", status: 400), .permanent(reason: "Slack webhook: HTTP 400 invalid_payload")),
        (.text("channel_is_archived", status: 410), .permanent(reason: "Slack webhook: HTTP 410 channel_is_archived (the webhook's channel is archived)")),
        (.text("action_prohibited", status: 403), .permanent(reason: "Slack webhook: HTTP 403 action_prohibited")),
        (.text("rate limited", status: 429, headers: [("Retry-After", "2")]), .retryable(reason: "Slack webhook: HTTP 429 rate limited", retryAfter: .seconds(2))),
        (.text("rollup_error", status: 500), .retryable(reason: "Slack webhook: HTTP 500 rollup_error", retryAfter: nil)),
    ])
    func errorsAreClassified(answer: FakeAnswer, expected: NotifierError) async throws {
        try await withFakeSlackWebhook { hook, url in
            hook.update { $0.scripted = [answer] }
            await #expect(throws: expected) { try await SlackWebhookNotifier(name: "hook", url: url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
        }
    }

    @Test func aRemovedHookIsPermanent() async throws {
        try await withFakeSlackWebhook { _, url in
            let removed = url.replacingOccurrences(of: "XXXX", with: "GONE")
            await #expect(throws: NotifierError.permanent(reason: "Slack webhook: HTTP 404 no_service (the webhook was removed or disabled: create a new one)")) {
                try await SlackWebhookNotifier(name: "hook", url: removed).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }
}
