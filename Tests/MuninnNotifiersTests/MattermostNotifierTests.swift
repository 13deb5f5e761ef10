import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct MattermostNotifierTests {
    private func notifier(_ url: String, channel: String? = nil, logLines: Int = 50) -> MattermostNotifier {
        MattermostNotifier(name: "mattermost", configuration: MattermostConfiguration(url: url, channel: channel, requestTimeout: .seconds(30), logLines: logLines))
    }

    @Test func postsAHeadingAndAnAttachment() async throws {
        try await withFakeMattermost { mattermost, url in
            let receipt = try await notifier(url, channel: "alerts").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt == DeliveryReceipt(channel: "alerts"))
            let post = try #require(mattermost.posts.first)
            #expect(post.channel == "alerts" && post.posts == 1)
            #expect(post.payload["text"] == "#### :red_circle: Container crashed\\: payments/api\\-7f9c")
            let attachment = try #require(post.payload["attachments"]?[0])
            #expect(attachment["color"] == "#E01E5A")
            #expect(attachment["fields"]?[0] == ["title": "Cluster", "value": "prod\\-eu", "short": true])
            let text = try #require(post.attachmentText)
            #expect(text.contains("**Recent events**\n```\nBackOff: Back-off restarting failed container api\n"))
            #expect(text.hasSuffix("panic: runtime error: invalid memory address or nil pointer dereference\n```"))
            #expect(mattermost.snapshot.mentions.isEmpty)
        }
    }

    @Test func hostileNamesCannotMentionOrFormat() async throws {
        try await withFakeMattermost { mattermost, url in
            var alert = Samples.hostile()
            alert.pod = "*evil* <!here> @channel ~town-square [x](http://y)"
            _ = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let post = try #require(mattermost.posts.first)
            #expect(mattermost.snapshot.mentions.isEmpty)
            let pod = post.payload["attachments"]?[0]?["fields"]?.arrayValue?.first { $0["title"] == "Pod" }
            #expect(pod?["value"] == "\\*evil\\* \\<\u{200B}\\!here\\> @\u{200B}channel \\~\u{200B}town\\-square \\[x\\]\\(http\\://y\\)")
            #expect(!(post.attachmentText ?? "").contains("<!"))
            #expect(!(post.attachmentText ?? "").contains("\u{202E}"))
        }
    }

    @Test func longLogsStayWithinTheTextBudget() async throws {
        try await withFakeMattermost { mattermost, url in
            let logs = (1...5_000).map { "line \($0) " + String(repeating: "z", count: 40) }.joined(separator: "\n")
            _ = try await notifier(url, logLines: 5_000).send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let post = try #require(mattermost.posts.first)
            let text = try #require(post.attachmentText)
            #expect(text.count <= 12_000 && text.count > 11_000)
            #expect(text.hasSuffix("line 5000 " + String(repeating: "z", count: 40) + "\n```"))
            #expect(post.posts == 1)
        }
    }

    @Test func aRepeatIsAFullMessageHeadedAsARepeat() async throws {
        try await withFakeMattermost { mattermost, url in
            _ = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(threadID: "x"), logger: Samples.logger)
            #expect(mattermost.posts.first?.payload["text"] == "#### :red_circle: Crashed again\\: payments/api\\-7f9c")
        }
    }

    @Test func errorsAreClassified() async throws {
        try await withFakeMattermost { mattermost, url in
            let wrong = url.replacingOccurrences(of: "/hooks/", with: "/hooks/x")
            await #expect(throws: NotifierError.permanent(reason: "Mattermost answered HTTP 400: Invalid webhook. (web.incoming_webhook.invalid.app_error) (the webhook was deleted or the URL is wrong)")) {
                try await notifier(wrong).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            await #expect(throws: NotifierError.permanent(reason: "Mattermost answered HTTP 403: Couldn't find the channel. (web.incoming_webhook.channel.app_error)")) {
                try await notifier(url, channel: "nope").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            mattermost.update { $0.webhooksDisabled = true }
            await #expect(throws: NotifierError.permanent(reason: "Mattermost answered HTTP 501: Incoming webhooks have been disabled by the system admin. (web.incoming_webhook.disabled.app_error) (incoming webhooks are disabled on the server)")) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            mattermost.update { $0.webhooksDisabled = false }
            mattermost.failNext(1, with: .text("limit exceeded", status: 429, headers: [("Retry-After", "1")]))
            await #expect(throws: NotifierError.retryable(reason: "Mattermost answered HTTP 429: limit exceeded", retryAfter: .seconds(1))) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            mattermost.failNext(1, with: .text("", status: 503))
            await #expect(throws: NotifierError.retryable(reason: "Mattermost answered HTTP 503", retryAfter: nil)) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func theFakeSplitsOverlongText() async throws {
        try await withFakeMattermost { mattermost, url in
            let body: JSONValue = ["text": .string(String(repeating: "a", count: 20_000))]
            let request = RecordedRequest(method: "POST", path: URL(string: url)?.path ?? "", headers: [("Content-Type", "application/json")], body: body.serialized())
            let answer = mattermost.handle(request)
            #expect(answer.status == 200)
            #expect(mattermost.posts.first?.posts == 2)
        }
    }
}
