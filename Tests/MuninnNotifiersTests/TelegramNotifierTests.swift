import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct TelegramNotifierTests {
    static let token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

    private func notifier(_ apiURL: String, token: String = TelegramNotifierTests.token, chat: String = "-1001234567890", thread: Int64? = nil, logLines: Int = 30) -> TelegramNotifier {
        TelegramNotifier(
            name: "telegram",
            configuration: TelegramConfiguration(token: token, chatID: chat, messageThreadID: thread, apiURL: apiURL, requestTimeout: .seconds(30), logLines: logLines))
    }

    @Test func sendsHTMLWithBoldLabelsAndPreBlocks() async throws {
        try await withFakeTelegram { telegram, apiURL in
            let receipt = try await notifier(apiURL).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(telegram.messages.first)
            #expect(receipt == DeliveryReceipt(messageID: String(message.messageID), channel: "-1001234567890"))
            #expect(message.parseMode == "HTML")
            #expect(message.payload["chat_id"] == .int(-1001234567890))
            #expect(message.payload["link_preview_options"] == ["is_disabled": true])
            #expect(message.visibleText.hasPrefix("🔴 Container crashed: payments/api-7f9c\nCluster: prod-eu\nNamespace: payments\n"))
            #expect(message.text.hasPrefix("<b>🔴 Container crashed: payments/api-7f9c</b>\n<b>Cluster:</b> prod-eu\n"))
            #expect(message.tags.contains("pre"))
            #expect(message.visibleText.contains("panic: runtime error: invalid memory address or nil pointer dereference"))
        }
    }

    @Test func hostileTextIsEscapedAndParsesStrictly() async throws {
        try await withFakeTelegram { telegram, apiURL in
            var alert = Samples.hostile()
            alert.pod = "*evil* <b>@here</b> [x](http://y) &amp;"
            _ = try await notifier(apiURL).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(telegram.messages.first)
            // The fake parsed the HTML strictly: the only tags are Muninn's, and the names read as written.
            #expect(Set(message.tags).isSubset(of: ["b", "pre", "i"]))
            #expect(message.visibleText.contains("Pod: *evil* <b>@here</b> [x](http://y) &amp;\n"))
            #expect(message.text.contains("*evil* &lt;b&gt;@here&lt;/b&gt; [x](http://y) &amp;amp;"))
            #expect(!message.visibleText.contains("\u{202E}") && !message.visibleText.contains("\u{0}"))
        }
    }

    @Test func longLogsAreCutToTheLimitAfterParsingKeepingTheHeader() async throws {
        try await withFakeTelegram { telegram, apiURL in
            // `<` becomes `&lt;`: four bytes sent, one character counted.
            let logs = (1...3_000).map { "<line \($0)> " + String(repeating: "&", count: 20) }.joined(separator: "\n")
            _ = try await notifier(apiURL, logLines: 3_000).send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(telegram.messages.first)
            #expect(message.visibleText.utf16.count <= 4_096)
            #expect(message.visibleText.utf16.count > 3_900)
            #expect(message.text.utf8.count > 4_096)
            #expect(message.visibleText.hasPrefix("🔴 Container crashed: payments/api-7f9c\n"))
            #expect(message.visibleText.contains("<line 3000> " + String(repeating: "&", count: 20) + "\n"))
            #expect(message.visibleText.contains("cut from the start"))
        }
    }

    @Test func aRepeatRepliesToTheFirstMessageInTheTopic() async throws {
        let fake = FakeTelegram()
        fake.update { $0.chats["-1001234567890"] = [42] }
        try await withFakeTelegram(fake) { telegram, apiURL in
            let forum = notifier(apiURL, thread: 42)
            let first = try await forum.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let parent = try #require(first.threadParentID)
            let second = try await forum.send(Samples.crash(), to: DeliveryTarget(threadID: parent), logger: Samples.logger)
            #expect(second.threadID == parent)
            #expect(second.threadParentID == parent)
            let messages = telegram.messages
            #expect(messages.map(\.messageThreadID) == [42, 42])
            #expect(messages[1].replyTo == Int64(parent))
            #expect(messages[1].visibleText.hasPrefix("🔴 Crashed again: payments/api-7f9c"))
        }
    }

    @Test func aReplyToADeletedMessageStillGoesOut() async throws {
        try await withFakeTelegram { telegram, apiURL in
            _ = try await notifier(apiURL).send(Samples.crash(), to: DeliveryTarget(threadID: "99999"), logger: Samples.logger)
            #expect(telegram.messages.count == 1)
        }
    }

    @Test func floodControlIsRetryableAfterItsWait() async throws {
        let clock = SettableNow(Samples.occurredAt)
        try await withFakeTelegram(FakeTelegram(now: clock.closure)) { telegram, apiURL in
            let bot = notifier(apiURL)
            for _ in 1...3 { _ = try await bot.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            await #expect(throws: NotifierError.retryable(reason: "Telegram error 429: Too Many Requests: retry after 1", retryAfter: .seconds(1))) {
                try await bot.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            telegram.failNext(1, with: FakeTelegram.tooManyRequests(retryAfter: 35))
            await #expect(throws: NotifierError.retryable(reason: "Telegram error 429: Too Many Requests: retry after 35", retryAfter: .seconds(35))) {
                try await bot.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func permanentErrorsSayWhatToFix() async throws {
        try await withFakeTelegram { telegram, apiURL in
            await #expect(throws: NotifierError.permanent(reason: "Telegram error 401: Unauthorized (check the bot token)")) {
                try await notifier(apiURL, token: "123456789:wrong").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            await #expect(throws: NotifierError.permanent(reason: "Telegram error 400: Bad Request: chat not found")) {
                try await notifier(apiURL, chat: "-100999").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            telegram.failNext(1, with: .json(["ok": false, "error_code": 403, "description": "Forbidden: bot was kicked from the supergroup chat"], status: 403))
            await #expect(throws: NotifierError.permanent(reason: "Telegram error 403: Forbidden: bot was kicked from the supergroup chat (add the bot to the chat, or unblock it)")) {
                try await notifier(apiURL).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            telegram.failNext(1, with: .text("Bad Gateway", status: 502))
            await #expect(throws: NotifierError.retryable(reason: "Telegram answered HTTP 502: Bad Gateway", retryAfter: nil)) {
                try await notifier(apiURL).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func theChannelUsernameIsSentAsAString() async throws {
        try await withFakeTelegram { telegram, apiURL in
            _ = try await notifier(apiURL, chat: "@muninn_alerts").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(telegram.messages.first?.payload["chat_id"] == "@muninn_alerts")
        }
    }
}
