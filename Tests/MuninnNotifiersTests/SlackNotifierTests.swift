import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct SlackNotifierTests {
    private func notifier(_ url: String, token: String = "xoxb-test", uploadLogs: Bool = true, defaultChannel: String? = nil) -> SlackNotifier {
        SlackNotifier(
            name: "slack-test",
            configuration: SlackConfiguration(token: token, apiURL: url, defaultChannel: defaultChannel, requestTimeout: .seconds(10), uploadLogs: uploadLogs))
    }

    @Test func crashAlertPostsBlockKitAndUploadsTheLogIntoTheThread() async throws {
        try await withFakeSlack { slack, url in
            let receipt = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(channel: "#alerts"), logger: Samples.logger)
            let state = slack.snapshot
            let message = try #require(slack.messages.first)
            #expect(slack.messages.count == 1)
            #expect(message.channel == "C0ALERTS01")
            #expect(receipt == DeliveryReceipt(messageID: message.ts, channel: "C0ALERTS01", note: "log uploaded as file F000000001"))
            #expect(message.text == "Container crashed: payments/api-7f9c container api: OOMKilled, exit code 137 [prod-eu]")
            #expect(message.body["unfurl_links"] == false && message.body["unfurl_media"] == false)

            #expect(message.blocks.map { $0["type"]?.stringValue } == ["header", "section", "section", "section", "context"])
            #expect(message.blocks[0] == ["type": "header", "text": ["type": "plain_text", "text": "Container crashed: payments/api-7f9c"]])
            let fields = message.blocks[1]["fields"]?.arrayValue?.compactMap { $0["text"]?.stringValue }
            #expect(fields == [
                "*Cluster*\n`prod-eu`", "*Namespace*\n`payments`", "*Workload*\n`Deployment/api`", "*Pod*\n`api-7f9c`", "*Container*\n`api`",
                "*Node*\n`node-a`", "*Image*\n`registry.example/api:1.4.2`", "*Reason*\n`OOMKilled`",
                "*Exit code*\n`137` (killed by SIGKILL (often the OOM killer))", "*Restarts*\n`8 (3 restarts seen)`",
            ])
            #expect(message.blocks[2][path: ["text", "text"]]?.stringValue == "*Recent events*\n```\nBackOff: Back-off restarting failed container api\nOOMKilling: Memory cgroup out of memory\n```")
            let lastLines = Samples.crashLog.split(separator: "\n").suffix(20).joined(separator: "\n")
            #expect(message.blocks[3][path: ["text", "text"]]?.stringValue == "*Logs before the crash* (last 20 lines; 21 lines (\(Samples.crashLog.count - 1 - lastLines.count) characters) cut from the start)\n```\n\(lastLines)\n```")
            let context = message.blocks[4]["elements"]?.arrayValue?.compactMap { $0["text"]?.stringValue }
            #expect(context == ["<!date^1760000000^{date_short_pretty} {time_secs}|2025-10-09T08:53:20Z>", "Muninn alert `uid-1234/api/containerd://abc`"])

            let upload = try #require(state.uploads.first)
            #expect(state.uploads.count == 1)
            #expect(upload.filename == "payments_api-7f9c_api.log")
            #expect(upload.bytes == Array(Samples.crashLog.utf8))
            #expect(upload.declaredLength == Samples.crashLog.utf8.count)
            #expect(upload.snippetType == "text")
            #expect(upload.completed && upload.channelID == "C0ALERTS01" && upload.threadTS == message.ts)
            #expect(upload.title == "Logs of payments/api-7f9c (api)")
            #expect(!upload.uploadCarriedToken)
            // The three steps, in order, after the message.
            let paths = state.requests.map(\.path).filter { !$0.hasSuffix("conversations.list") }
            #expect(paths == ["/api/chat.postMessage", "/api/files.getUploadURLExternal", "/upload/v1/ticket1", "/api/files.completeUploadExternal"])
            #expect(state.pings.isEmpty)
            #expect(state.warnings.isEmpty)
        }
    }

    @Test func channelNamesAreResolvedOnceAndCached() async throws {
        try await withFakeSlack { slack, url in
            let slackNotifier = notifier(url, uploadLogs: false)
            _ = try await slackNotifier.send(Samples.crash(), to: DeliveryTarget(channel: "#alerts"), logger: Samples.logger)
            _ = try await slackNotifier.send(Samples.crash(), to: DeliveryTarget(channel: "alerts"), logger: Samples.logger)
            let state = slack.snapshot
            // "alerts" is on the second of three pages: one paginated listing serves both sends.
            #expect(state.conversationsListCalls == 3)
            #expect(await slackNotifier.channelListings == 3)
            #expect(slack.messages.map(\.channel) == ["C0ALERTS01", "C0ALERTS01"])
            #expect(slack.messages[0].ts < slack.messages[1].ts)
        }
    }

    @Test func privateChannelsResolveByName() async throws {
        try await withFakeSlack { slack, url in
            let receipt = try await notifier(url, uploadLogs: false).send(Samples.crash(), to: DeliveryTarget(channel: "secret-ops"), logger: Samples.logger)
            #expect(receipt.channel == "G0SECRET01")
            #expect(slack.messages.map(\.channel) == ["G0SECRET01"])
        }
    }

    @Test func channelIDsAreUsedWithoutListing() async throws {
        try await withFakeSlack { slack, url in
            _ = try await notifier(url, uploadLogs: false).send(Samples.crash(), to: DeliveryTarget(channel: "C0RANDOM01"), logger: Samples.logger)
            #expect(slack.snapshot.conversationsListCalls == 0)
            #expect(slack.messages.map(\.channel) == ["C0RANDOM01"])
        }
    }

    @Test func uploadFailureStillPostsTheMessageWithTheInlineTail() async throws {
        try await withFakeSlack { slack, url in
            slack.update { $0.scriptedUploadStatus = 500 }
            let receipt = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            let state = slack.snapshot
            #expect(slack.messages.count == 1)
            #expect(slack.messages[0].blocks[3][path: ["text", "text"]]?.stringValue?.contains("panic: runtime error") == true)
            #expect(receipt.messageID == slack.messages[0].ts)
            #expect(receipt.note == "logs inline only: upload failed (temporary failure: Slack file upload: HTTP 500)")
            #expect(state.uploads.allSatisfy { !$0.completed })
        }
    }

    @Test func uploadRefusedByScopeIsNotedNotThrown() async throws {
        let slack = FakeSlack(tokens: ["xoxb-test": ["chat:write", "channels:read", "groups:read"]])
        try await withFakeSlack(slack) { slack, url in
            let receipt = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            #expect(slack.messages.count == 1)
            #expect(receipt.note == "logs inline only: upload failed (permanent failure: Slack files.getUploadURLExternal: missing_scope (needs files:write))")
        }
    }

    @Test func missingLogsAreExplainedAndNothingIsUploaded() async throws {
        try await withFakeSlack { slack, url in
            var alert = Samples.crash(logs: nil)
            alert.logsUnavailableReason = "pod deleted before the logs were read"
            let receipt = try await notifier(url).send(alert, to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            let state = slack.snapshot
            #expect(slack.messages[0].blocks[3][path: ["text", "text"]]?.stringValue == "*Logs*: unavailable: pod deleted before the logs were read")
            #expect(state.uploads.isEmpty && receipt.note == nil)
        }
    }

    @Test func hostileTextRendersAsPlainText() async throws {
        try await withFakeSlack { slack, url in
            _ = try await notifier(url, uploadLogs: false).send(Samples.hostile(), to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            let state = slack.snapshot
            let message = try #require(slack.messages.first)
            #expect(state.pings.isEmpty)
            #expect(message.blocks[0][path: ["text", "text"]]?.stringValue == "Container crashed: payments/api-<!channel>")
            let fields = message.blocks[1]["fields"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
            #expect(fields.contains("*Pod*\n`api-&lt;!channel&gt;`"))
            #expect(fields.contains("*Container*\n`c\u{02CB}&lt;@U123&gt;\u{02CB}`"))
            #expect(fields.contains("*Reason*\n`*bold* _it_ &lt;https://evil.example|click&gt;`"))
            let messageSection = try #require(message.blocks[2][path: ["text", "text"]]?.stringValue)
            #expect(messageSection.hasPrefix("*Message*\n```\nboom &lt;!here&gt; @here @channel &amp;amp; `\u{200B}`\u{200B}` closed? **x** # heading[31m\n```"))
            let logSection = try #require(message.blocks[4][path: ["text", "text"]]?.stringValue)
            let code = logSection.split(separator: "\n", maxSplits: 1)[1]
            #expect(code.hasPrefix("```\n") && code.hasSuffix("\n```"))
            #expect(!code.dropFirst(4).dropLast(4).contains("``"))
            #expect(logSection.contains("&lt;!channel&gt; deploy failed &lt;@U123&gt;"))
            #expect(logSection.hasSuffix("last line\n```"))
            #expect(message.text?.contains("&lt;!channel&gt;") == true)
        }
    }

    @Test func longInputStaysWithinSlackLimitsAndKeepsTheEnd() async throws {
        try await withFakeSlack { slack, url in
            var alert = Samples.crash(logs: (1...5_000).map { "line \($0) " + String(repeating: "<&>", count: 30) }.joined(separator: "\n"))
            alert.message = String(repeating: "m", count: 10_000)
            alert.events = (1...100).map { "Event \($0) " + String(repeating: "e", count: 500) }
            alert.image = String(repeating: "i", count: 5_000)
            let slackNotifier = SlackNotifier(
                name: "slack", configuration: SlackConfiguration(token: "xoxb-test", apiURL: url, uploadLogs: true, inlineLogLines: 500, inlineLogCharacters: 100_000))
            let receipt = try await slackNotifier.send(alert, to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            let state = slack.snapshot
            let message = try #require(slack.messages.first)
            let logSection = try #require(message.blocks[4][path: ["text", "text"]]?.stringValue)
            #expect(logSection.unicodeScalars.count <= 3_000)
            #expect(logSection.hasSuffix("line 5000 " + String(repeating: "&lt;&amp;&gt;", count: 30) + "\n```"))
            #expect(logSection.hasPrefix("*Logs before the crash* (last "))
            #expect(state.uploads.first?.bytes?.count == (alert.logs?.utf8.count ?? 0) + 1)
            #expect(receipt.note == "log uploaded as file F000000001")
        }
    }

    @Test(arguments: [
        (FakeSlackFailure.rateLimited(retryAfter: 7), NotifierError.retryable(reason: "Slack chat.postMessage: rate limited (HTTP 429)", retryAfter: .seconds(7))),
        (.error("ratelimited"), .retryable(reason: "Slack chat.postMessage: ratelimited", retryAfter: nil)),
        (.error("rate_limited"), .retryable(reason: "Slack chat.postMessage: rate_limited", retryAfter: nil)),
        (.error("internal_error"), .retryable(reason: "Slack chat.postMessage: internal_error", retryAfter: nil)),
        (.error("service_unavailable"), .retryable(reason: "Slack chat.postMessage: service_unavailable", retryAfter: nil)),
        (.status(503), .retryable(reason: "Slack chat.postMessage: HTTP 503", retryAfter: nil)),
        (.error("token_revoked"), .permanent(reason: "Slack chat.postMessage: token_revoked (check the bot token)")),
        (.error("msg_too_long"), .permanent(reason: "Slack chat.postMessage: msg_too_long (Slack rejected the message itself; please report this as a Muninn bug)")),
        (.error("restricted_action"), .permanent(reason: "Slack chat.postMessage: restricted_action")),
    ])
    func scriptedErrorsAreClassified(scripted: FakeSlackFailure, expected: NotifierError) async throws {
        try await withFakeSlack { slack, url in
            slack.update { $0.scriptedPosts = [scripted] }
            await #expect(throws: expected) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger) }
            #expect(slack.messages.isEmpty)
        }
    }

    @Test(arguments: [
        ("C0ARCHIVE1", "xoxb-test", NotifierError.permanent(reason: "Slack chat.postMessage: is_archived (the channel is archived: route this alert elsewhere)")),
        ("C0NOSUCH01", "xoxb-test", .permanent(reason: "Slack chat.postMessage: channel_not_found (unknown channel, or a private channel the app is not in)")),
        ("#nosuch", "xoxb-test", .permanent(reason: "Slack conversations.list: channel_not_found (no channel named nosuch visible to the app)")),
        ("C0ALERTS01", "xoxb-wrong", .permanent(reason: "Slack chat.postMessage: invalid_auth (check the bot token)")),
        ("C0OUTSIDE1", "xoxb-limited", .permanent(reason: "Slack chat.postMessage: not_in_channel (invite the app to the channel or grant it chat:write.public)")),
    ])
    func channelAndTokenErrorsArePermanent(channel: String, token: String, expected: NotifierError) async throws {
        let slack = FakeSlack(tokens: ["xoxb-test": FakeSlack.allScopes, "xoxb-limited": ["chat:write", "channels:read", "groups:read", "files:write"]])
        try await withFakeSlack(slack) { slack, url in
            await #expect(throws: expected) { try await notifier(url, token: token).send(Samples.crash(), to: DeliveryTarget(channel: channel), logger: Samples.logger) }
            #expect(slack.messages.isEmpty)
        }
    }

    @Test func aChannelIsRequired() async throws {
        await #expect(throws: NotifierError.permanent(reason: "Slack: no channel for this alert and no default channel configured")) {
            try await notifier("http://127.0.0.1:9/api").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
        }
    }

    @Test func theDefaultChannelIsUsedWithoutRouting() async throws {
        try await withFakeSlack { slack, url in
            _ = try await notifier(url, uploadLogs: false, defaultChannel: "#general").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(slack.messages.map(\.channel) == ["C0GENERAL1"])
        }
    }

    @Test func connectionFailuresAreRetryable() async throws {
        // Nothing listens on the discard port.
        let unreachable = SlackNotifier(name: "s", configuration: SlackConfiguration(token: "xoxb-test", apiURL: "http://127.0.0.1:9/api", requestTimeout: .milliseconds(500)))
        do {
            _ = try await unreachable.send(Samples.crash(), to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            Issue.record("expected a failure")
        } catch {
            guard case .retryable(let reason, nil) = error else { Issue.record("unexpected \(error)"); return }
            #expect(reason.hasPrefix("request to 127.0.0.1:9 "))
        }
    }
}
