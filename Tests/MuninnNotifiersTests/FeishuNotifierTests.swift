import Crypto
import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct FeishuNotifierTests {
    static let token = "f3a9c2d1-0000-4000-8000-feishu000001"
    static let secret = "qPWbcPjAQMdqEXAMPLEsecret"
    static let now = Date(timeIntervalSince1970: 1_760_000_100.75)

    private func fake(secret: String? = FeishuNotifierTests.secret, keywords: [String] = [], now: Date = FeishuNotifierTests.now) -> FakeFeishu {
        FakeFeishu(bots: [Self.token: FakeFeishuBot(secret: secret, keywords: keywords)], now: { now })
    }

    private func notifier(_ url: String, secret: String? = FeishuNotifierTests.secret, keyword: String? = nil, now: Date = FeishuNotifierTests.now, logLines: Int = 30) -> FeishuNotifier {
        FeishuNotifier(
            name: "feishu", configuration: FeishuConfiguration(url: url, secret: secret, keyword: keyword, requestTimeout: .seconds(30), logLines: logLines),
            now: { now })
    }

    @Test func signedInteractiveCard() async throws {
        try await withFakeFeishu(fake()) { feishu, url in
            #expect(try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) == DeliveryReceipt())
            let message = try #require(feishu.accepted.first)
            #expect(message.timestamp == "1760000100")
            #expect(message.sign == FeishuSignature.sign(timestamp: 1_760_000_100, secret: Self.secret))
            #expect(message.body["msg_type"] == "interactive")
            #expect(message.body[path: ["card", "header", "title", "content"]] == "Container crashed: payments/api-7f9c")
            #expect(message.body[path: ["card", "header", "template"]] == "red")
            #expect(message.texts.contains("Reason: OOMKilled"))
            #expect(message.texts.contains { $0.hasSuffix("nil pointer dereference") })
            #expect(message.markdownTexts.isEmpty)
        }
    }

    @Test func theSignatureIsTheStringAsKeyOverNothing() {
        // Independent computation, and not DingTalk's scheme (the string as the message).
        let expected = Data(HMAC<SHA256>.authenticationCode(for: Data(), using: SymmetricKey(data: Array("1700000000\nabc".utf8)))).base64EncodedString()
        #expect(FeishuSignature.sign(timestamp: 1_700_000_000, secret: "abc") == expected)
        #expect(FeishuSignature.sign(timestamp: 1_700_000_000, secret: "abc") != DingTalkSignature.sign(timestamp: 1_700_000_000, secret: "abc"))
    }

    @Test func signatureAndKeywordFailuresArePermanent() async throws {
        try await withFakeFeishu(fake(keywords: ["告警"])) { feishu, url in
            await #expect(throws: NotifierError.permanent(reason: "Feishu code 19021: sign match fail or timestamp is not within one hour from current time (check the signing secret and the clock)")) {
                try await notifier(url, secret: "wrong").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            await #expect(throws: NotifierError.permanent(reason: "Feishu code 19021: sign match fail or timestamp is not within one hour from current time (check the signing secret and the clock)")) {
                try await notifier(url, now: Self.now.addingTimeInterval(-3_700)).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            await #expect(throws: NotifierError.permanent(reason: "Feishu code 19024: Key Words Not Found (the bot's keyword is not in the card: set keyword)")) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            _ = try await notifier(url, keyword: "告警").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(feishu.accepted.first?.body[path: ["card", "header", "title", "content"]] == "告警: Container crashed: payments/api-7f9c")
        }
    }

    @Test func hostileTextIsPlainText() async throws {
        try await withFakeFeishu(fake()) { feishu, url in
            var alert = Samples.hostile()
            alert.pod = "*evil* <at id=all></at> [x](http://y)"
            _ = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(feishu.accepted.first)
            #expect(message.markdownTexts.isEmpty)
            #expect(message.texts.contains("Pod: *evil* <at id=all></at> [x](http://y)"))
            #expect(!message.texts.joined().contains("\u{202E}"))
        }
    }

    @Test func longLogsAreCutToTheBodyLimit() async throws {
        try await withFakeFeishu(fake()) { feishu, url in
            let logs = (1...4_000).map { "日志 \($0) " + String(repeating: "错", count: 20) }.joined(separator: "\n")
            _ = try await notifier(url, logLines: 4_000).send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(feishu.accepted.first)
            #expect(message.body.serialized().count <= 19_000)
            #expect(message.texts.contains { $0.hasSuffix("日志 4000 " + String(repeating: "错", count: 20)) })
        }
    }

    @Test(arguments: [
        (11232, "frequency limited", NotifierError.retryable(reason: "Feishu code 11232: frequency limited", retryAfter: nil)),
        (9499, "Bad Request", .permanent(reason: "Feishu code 9499: Bad Request")),
        (19022, "Ip Not Allowed", .permanent(reason: "Feishu code 19022: Ip Not Allowed (the bot's IP allow-list does not include this host)")),
    ])
    func codesAreClassified(code: Int, message: String, expected: NotifierError) async throws {
        try await withFakeFeishu(fake()) { feishu, url in
            feishu.failNext(1, code: code, msg: message)
            await #expect(throws: expected) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
        }
    }

    @Test func theSixthMessageInASecondIsFrequencyLimited() async throws {
        try await withFakeFeishu(fake(secret: nil)) { feishu, url in
            let bot = notifier(url, secret: nil)
            for _ in 1...5 { _ = try await bot.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            await #expect(throws: NotifierError.retryable(reason: "Feishu code 11232: frequency limited psm[lark.oapi.app_platform_runtime]appID[1]", retryAfter: nil)) {
                try await bot.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(feishu.accepted.count == 5 && feishu.snapshot.rateLimited == 1)
            #expect(feishu.accepted.allSatisfy { $0.sign == nil })
        }
    }
}
