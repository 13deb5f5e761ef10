import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct GoogleChatNotifierTests {
    private func notifier(_ url: String, threads: Bool = true, logLines: Int = 40) -> GoogleChatNotifier {
        GoogleChatNotifier(name: "gchat", configuration: GoogleChatConfiguration(url: url, threads: threads, requestTimeout: .seconds(30), logLines: logLines))
    }

    @Test func postsACardThatStartsAThread() async throws {
        try await withFakeGoogleChat { chat, url in
            let receipt = try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(chat.messages.first)
            let key = GoogleChatNotifier.threadKey(for: Samples.crash())
            #expect(receipt == DeliveryReceipt(messageID: key, note: message.name))
            #expect(receipt.threadParentID == key)
            #expect(message.threadKey == key && !message.isReply)
            #expect(chat.snapshot.requests.first?.query["messageReplyOption"] == "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD")
            #expect(message.payload["text"] == nil)
            let card = try #require(message.payload["cardsV2"]?[0]?["card"])
            #expect(card[path: ["header", "title"]] == "Container crashed: payments/api-7f9c")
            #expect(message.visibleTexts.contains("OOMKilled"))
            #expect(message.visibleTexts.contains { $0.hasSuffix("panic: runtime error: invalid memory address or nil pointer dereference") })
            #expect(message.visibleTexts.contains { $0.hasPrefix("Logs before the crash (1 line") })
        }
    }

    @Test func aRepeatRepliesInTheFirstAlertsThread() async throws {
        let clock = SettableNow(Samples.occurredAt)
        try await withFakeGoogleChat(FakeGoogleChat(now: clock.closure)) { chat, url in
            let gchat = notifier(url)
            let first = try await gchat.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            clock.advance(by: 2)
            var again = Samples.crash()
            again.id = "uid-1234/api/containerd://def"
            let second = try await gchat.send(again, to: DeliveryTarget(threadID: first.threadParentID), logger: Samples.logger)
            #expect(second.threadParentID == first.threadParentID)
            let messages = chat.messages
            #expect(messages[1].isReply && messages[1].thread == messages[0].thread)
            #expect(messages[1].payload[path: ["cardsV2"]]?[0]?[path: ["card", "header", "title"]] == "Crashed again: payments/api-7f9c")
        }
    }

    @Test func hostileTextIsEscapedForChatsHTML() async throws {
        try await withFakeGoogleChat { chat, url in
            var alert = Samples.hostile()
            alert.pod = "*evil* <users/all> <b>x</b> [x](http://y) &amp;"
            _ = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(chat.messages.first)
            // The fake rendered every card text strictly: no tag but Muninn's own <br>, and the name reads as written.
            #expect(message.visibleTexts.contains("*evil* <users/all> <b>x</b> [x](http://y) &amp;"))
            #expect(!message.visibleTexts.joined().contains("\u{202E}"))
        }
    }

    @Test func longLogsStayBelowTheSizeLimit() async throws {
        try await withFakeGoogleChat { chat, url in
            let logs = (1...5_000).map { "<line \($0)> " + String(repeating: "ü", count: 30) }.joined(separator: "\n")
            _ = try await notifier(url, logLines: 5_000).send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(chat.messages.first)
            #expect(message.payload.serialized().count <= 28_000)
            #expect(message.visibleTexts.contains { $0.hasSuffix("<line 5000> " + String(repeating: "ü", count: 30)) })
        }
    }

    @Test func errorsAreClassified() async throws {
        try await withFakeGoogleChat { chat, url in
            chat.failNext(1, with: FakeGoogleChat.error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."))
            await #expect(throws: NotifierError.retryable(reason: "Google Chat answered HTTP 429: RESOURCE_EXHAUSTED Resource has been exhausted (e.g. check quota).", retryAfter: nil)) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            let badToken = url.replacingOccurrences(of: "token=fake-token-0001", with: "token=wrong")
            await #expect(throws: NotifierError.permanent(reason: "Google Chat answered HTTP 401: UNAUTHENTICATED Request had invalid authentication credentials. (the webhook's key or token is wrong, or the webhook was deleted)")) {
                try await notifier(badToken).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            chat.failNext(1, with: FakeGoogleChat.error(503, "UNAVAILABLE", "The service is currently unavailable."))
            await #expect(throws: NotifierError.retryable(reason: "Google Chat answered HTTP 503: UNAVAILABLE The service is currently unavailable.", retryAfter: nil)) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func theFakeAnswers429AboveOneMessageASecond() async throws {
        let clock = SettableNow(Samples.occurredAt)
        try await withFakeGoogleChat(FakeGoogleChat(now: clock.closure)) { chat, url in
            _ = try await notifier(url, threads: false).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            await #expect(throws: NotifierError.self) { try await notifier(url, threads: false).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            clock.advance(by: 1)
            let receipt = try await notifier(url, threads: false).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt.messageID?.hasPrefix("spaces/AAAAmuninn1/messages/") == true)
            #expect(chat.messages.count == 2 && chat.snapshot.rateLimited == 1)
            #expect(chat.messages.allSatisfy { $0.threadKey == nil })
        }
    }
}
