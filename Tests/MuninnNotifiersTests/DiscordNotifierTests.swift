import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct DiscordNotifierTests {
    private func notifier(_ url: String, logLines: Int = 30) -> DiscordNotifier {
        DiscordNotifier(name: "discord", configuration: DiscordConfiguration(url: url, requestTimeout: .seconds(30), logLines: logLines))
    }

    @Test func postsAnEmbedAndReturnsTheMessageID() async throws {
        try await withFakeDiscord { discord, url in
            let receipt = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(discord.messages.first)
            #expect(discord.messages.count == 1)
            #expect(message.waited)
            #expect(receipt == DeliveryReceipt(messageID: message.id, channel: "1100000000000000001"))
            #expect(message.payload["allowed_mentions"] == ["parse": []])
            #expect(message.payload["username"] == "Muninn")
            let embed = try #require(message.embed)
            #expect(embed["title"] == "Container crashed\\: payments/api\\-7f9c")
            #expect(embed["color"] == .int(0xE01E5A))
            #expect(embed["timestamp"] == "2025-10-09T08:53:20Z")
            let fields = embed["fields"]?.arrayValue ?? []
            #expect(fields.first == ["name": "Cluster", "value": "prod\\-eu", "inline": true])
            #expect(fields.contains(["name": "Reason", "value": "OOMKilled", "inline": true]))
            let description = try #require(embed["description"]?.stringValue)
            #expect(description.contains("**Logs before the crash \\(11 lines"))
            #expect(description.hasSuffix("panic: runtime error: invalid memory address or nil pointer dereference\n```"))
        }
    }

    @Test func hostileNamesCannotFormatLinkOrMention() async throws {
        try await withFakeDiscord { discord, url in
            var alert = Samples.hostile()
            alert.pod = "*evil* <@here> [x](http://y)"
            _ = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let embed = try #require(discord.messages.first?.embed)
            #expect(embed["title"] == "Container crashed\\: payments/\\*evil\\* \\<@\u{200B}here\\> \\[x\\]\\(http\\://y\\)")
            let pod = embed["fields"]?.arrayValue?.first { $0["name"] == "Pod" }
            #expect(pod?["value"] == "\\*evil\\* \\<@\u{200B}here\\> \\[x\\]\\(http\\://y\\)")
            let description = try #require(embed["description"]?.stringValue)
            // The log's fence cannot be closed from inside, and nothing reads as a mention.
            #expect(description.contains("`\u{200B}`\u{200B}`"))
            #expect(!description.contains("@here") && !description.contains("@all") && !description.contains("@channel"))
            #expect(!description.contains("\u{202E}") && !description.contains("\u{0}"))
        }
    }

    @Test func longLogsFitTheDescriptionAndTheEmbedTotal() async throws {
        try await withFakeDiscord { discord, url in
            let logs = (1...2_000).map { "line \($0) " + String(repeating: "x", count: 60) }.joined(separator: "\n")
            var alert = Samples.crash(logs: logs)
            alert.message = String(repeating: "m", count: 5_000)
            _ = try await notifier(url, logLines: 2_000).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let embed = try #require(discord.messages.first?.embed)
            let description = try #require(embed["description"]?.stringValue)
            #expect(description.utf16.count <= 4_096)
            #expect(DiscordEmbed.characters(of: embed) <= 6_000)
            #expect(description.hasSuffix("line 2000 " + String(repeating: "x", count: 60) + "\n```"))
            #expect(embed["title"] == "Container crashed\\: payments/api\\-7f9c")
        }
    }

    @Test func rateLimitedAnswersCarryTheirRetryAfter() async throws {
        try await withFakeDiscord { discord, url in
            discord.failNext(1, with: FakeDiscord.rateLimited(retryAfter: 1.25))
            await #expect(throws: NotifierError.retryable(reason: "Discord answered HTTP 429: You are being rate limited.", retryAfter: .milliseconds(1_250))) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func theBucketAnswers429WithTheWaitInTheBody() async throws {
        let clock = SettableNow(Samples.occurredAt)
        try await withFakeDiscord(FakeDiscord(now: clock.closure)) { discord, url in
            let discordNotifier = notifier(url)
            for _ in 1...5 { _ = try await discordNotifier.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            clock.advance(by: 0.5)
            await #expect(throws: NotifierError.retryable(reason: "Discord answered HTTP 429: You are being rate limited.", retryAfter: .milliseconds(1_500))) {
                try await discordNotifier.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(discord.messages.count == 5 && discord.snapshot.rateLimited == 1)
        }
    }

    @Test func permanentAnswersNameTheProblem() async throws {
        try await withFakeDiscord { discord, url in
            let gone = url.replacingOccurrences(of: "1200000000000000001", with: "1200000000000000999")
            await #expect(throws: NotifierError.permanent(reason: "Discord answered HTTP 404: 10015 Unknown Webhook (the webhook was deleted: create a new one and update the URL)")) {
                try await notifier(gone).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            discord.failNext(1, with: .json(["code": 50035, "message": "Invalid Form Body", "errors": ["embeds": ["0": ["description": ["_errors": [["code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 4096 or fewer in length."]]]]]]], status: 400))
            await #expect(throws: NotifierError.permanent(reason: "Discord answered HTTP 400: 50035 Invalid Form Body (embeds.0.description: Must be 4096 or fewer in length.)")) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            discord.failNext(1, with: .text("upstream", status: 502))
            await #expect(throws: NotifierError.retryable(reason: "Discord answered HTTP 502: upstream", retryAfter: nil)) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func theFakeEnforcesTheEmbedLimits() {
        let tooBig: JSONValue = ["embeds": [["title": .string(String(repeating: "t", count: 257)), "description": .string(String(repeating: "d", count: 5_900))]]]
        let errors = FakeDiscord.limitErrors(tooBig)
        #expect(errors?["embeds"]?["_errors"] != nil)
        #expect(FakeDiscord.limitErrors(["embeds": [["title": "ok", "fields": [["name": "n", "value": .string(String(repeating: "v", count: 1_025))]]]]]) != nil)
    }

    @Test func repeatsAreFullEmbedsAndAConfiguredThreadIsUsed() async throws {
        try await withFakeDiscord { discord, url in
            let threaded = DiscordNotifier(name: "d", configuration: DiscordConfiguration(url: url, threadID: "1400000000000000001", requestTimeout: .seconds(30)))
            _ = try await threaded.send(Samples.crash(), to: DeliveryTarget(threadID: "1300000000000000002"), logger: Samples.logger)
            let message = try #require(discord.messages.first)
            #expect(message.threadID == "1400000000000000001")
            #expect(message.embed?["title"] == "Crashed again\\: payments/api\\-7f9c")
        }
    }
}
