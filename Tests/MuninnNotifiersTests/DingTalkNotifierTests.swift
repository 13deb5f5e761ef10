import Crypto
import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct DingTalkNotifierTests {
    static let secret = "SECb6f2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
    static let now = Date(timeIntervalSince1970: 1_760_000_100.25)

    private func notifier(_ url: String, token: String = "robot-token", secret: String? = DingTalkNotifierTests.secret, now: Date = DingTalkNotifierTests.now, atMobiles: [String] = []) throws -> DingTalkNotifier {
        try DingTalkNotifier(
            name: "dingtalk", configuration: DingTalkConfiguration(token: token, secret: secret, apiURL: url, atMobiles: atMobiles, requestTimeout: .seconds(10)),
            now: { now })
    }

    private func fake(secret: String? = DingTalkNotifierTests.secret, keywords: [String] = ["Kubernetes"], now: Date = DingTalkNotifierTests.now) -> FakeDingTalk {
        FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot(secret: secret, keywords: keywords)], now: { now })
    }

    @Test func signedMarkdownMessage() async throws {
        try await withFakeDingTalk(fake()) { dingtalk, url in
            let receipt = try await notifier(url, atMobiles: ["13800000000"]).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(receipt == DeliveryReceipt())
            let accepted = try #require(dingtalk.accepted.first)
            #expect(accepted.timestamp == "1760000100250")
            #expect(accepted.sign == DingTalkSignature.sign(timestamp: 1_760_000_100_250, secret: Self.secret))
            #expect(accepted.mentionsInText == ["13800000000": true])
            #expect(accepted.body["msgtype"] == "markdown")
            #expect(accepted.body["at"] == ["isAtAll": false, "atMobiles": ["13800000000"]])
            #expect(accepted.body[path: ["markdown", "title"]] == "Kubernetes: Container crashed payments/api-7f9c")
            let lastLines = Samples.crashLog.split(separator: "\n").suffix(20).map { "> " + $0 }.joined(separator: "  \n")
            let expected = """
                #### Kubernetes: Container crashed payments/api-7f9c

                - **Cluster:** prod-eu
                - **Namespace:** payments
                - **Workload:** Deployment/api
                - **Pod:** api-7f9c
                - **Container:** api
                - **Node:** node-a
                - **Image:** registry.example/api:1.4.2
                - **Reason:** OOMKilled
                - **Exit code:** 137 \\(killed by SIGKILL \\(often the OOM killer\\)\\)
                - **Restarts:** 8 \\(3 restarts seen\\)
                - **Time:** 2025-10-09T08:53:20Z

                **Recent events**

                > BackOff: Back-off restarting failed container api  
                > OOMKilling: Memory cgroup out of memory

                **Logs before the crash** (21 lines (\(Samples.crashLog.count - 1 - Samples.crashLog.split(separator: "\n").suffix(20).joined(separator: "\n").count) characters) cut from the start)

                \(lastLines)

                @13800000000

                """
            #expect(accepted.body[path: ["markdown", "text"]]?.stringValue == expected)
        }
    }

    @Test func theWholeWebhookURLIsAcceptedAsToken() async throws {
        try await withFakeDingTalk(fake(secret: nil)) { dingtalk, url in
            let notifier = try DingTalkNotifier(name: "d", configuration: DingTalkConfiguration(token: url + "?access_token=robot-token"))
            _ = try await notifier.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(dingtalk.accepted.count == 1)
            #expect(dingtalk.accepted[0].sign == nil)
        }
    }

    @Test func signaturesContainingPlusAreEncoded() async throws {
        // Find a time whose signature has a `+`: a server reads an unencoded `+` as a space.
        var millis: Int64 = 1_760_000_100_000
        while !DingTalkSignature.sign(timestamp: millis, secret: Self.secret).contains("+") { millis += 1 }
        let now = Date(timeIntervalSince1970: Double(millis) / 1000)
        try await withFakeDingTalk(fake(now: now)) { dingtalk, url in
            _ = try await notifier(url, now: now).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(dingtalk.accepted.first?.sign?.contains("+") == true)
        }
    }

    @Test func wrongSecretAndStaleClockArePermanent() async throws {
        try await withFakeDingTalk(fake()) { dingtalk, url in
            await #expect(throws: NotifierError.permanent(reason: "DingTalk errcode 310000: sign not match (check the robot's security settings: keyword, signing secret, IP allow-list, clock)")) {
                try await notifier(url, secret: "SECwrong").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            await #expect(throws: NotifierError.permanent(reason: "DingTalk errcode 310000: invalid timestamp (check the robot's security settings: keyword, signing secret, IP allow-list, clock)")) {
                try await notifier(url, now: Self.now.addingTimeInterval(3_601)).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(dingtalk.accepted.isEmpty)
        }
    }

    @Test func missingKeywordIsPermanent() async throws {
        try await withFakeDingTalk(fake(keywords: ["告警"])) { _, url in
            await #expect(throws: NotifierError.permanent(reason: "DingTalk errcode 310000: keywords not in content (check the robot's security settings: keyword, signing secret, IP allow-list, clock)")) {
                try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func unknownTokenIsPermanent() async throws {
        try await withFakeDingTalk(fake()) { _, url in
            await #expect(throws: NotifierError.permanent(reason: "DingTalk errcode 300005: token is not exist (unknown robot token)")) {
                try await notifier(url, token: "other").send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func theTwentyFirstMessageInAMinuteIsRetryable() async throws {
        try await withFakeDingTalk(fake()) { dingtalk, url in
            let robot = try notifier(url)
            for _ in 1...20 { _ = try await robot.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
            await #expect(throws: NotifierError.retryable(reason: "DingTalk errcode 130101: send too fast, exceed 20 times per minute", retryAfter: .seconds(60))) {
                try await robot.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(dingtalk.accepted.count == 20)
        }
    }

    @Test(arguments: [
        (410100, "发送速度太快而限流", NotifierError.retryable(reason: "DingTalk errcode 410100: 发送速度太快而限流", retryAfter: .seconds(600))),
        (-1, "系统繁忙", .retryable(reason: "DingTalk errcode -1: 系统繁忙", retryAfter: nil)),
        (660026, "sending too many messages per minute", .retryable(reason: "DingTalk errcode 660026: sending too many messages per minute", retryAfter: .seconds(60))),
        (400102, "robot disabled", .permanent(reason: "DingTalk errcode 400102: robot disabled (the robot is disabled)")),
        (430102, "inappropriate text", .permanent(reason: "DingTalk errcode 430102: inappropriate text")),
    ])
    func errcodesAreClassified(code: Int, message: String, expected: NotifierError) async throws {
        try await withFakeDingTalk(fake()) { dingtalk, url in
            dingtalk.update { $0.scriptedErrcodes = [(code, message)] }
            await #expect(throws: expected) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
        }
    }

    @Test func longLogsAreCutToTheByteLimitKeepingTheEnd() async throws {
        try await withFakeDingTalk(fake()) { dingtalk, url in
            let logs = (1...3_000).map { "行 \($0) " + String(repeating: "日志", count: 40) }.joined(separator: "\n")
            let notifier = try DingTalkNotifier(
                name: "d", configuration: DingTalkConfiguration(token: "robot-token", secret: Self.secret, apiURL: url, logLines: 3_000),
                now: { Self.now })
            _ = try await notifier.send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let accepted = try #require(dingtalk.accepted.first)
            #expect(accepted.body.serialized().count <= 20_000)
            let text = try #require(accepted.body[path: ["markdown", "text"]]?.stringValue)
            #expect(text.hasSuffix("> 行 3000 " + String(repeating: "日志", count: 40) + "\n"))
            #expect(text.contains("cut from the start"))
        }
    }

    @Test func hostileTextCannotFormatOrMention() async throws {
        try await withFakeDingTalk(fake()) { dingtalk, url in
            _ = try await notifier(url).send(Samples.hostile(), to: DeliveryTarget(), logger: Samples.logger)
            let accepted = try #require(dingtalk.accepted.first)
            let text = try #require(accepted.body[path: ["markdown", "text"]]?.stringValue)
            #expect(accepted.body["at"] == ["isAtAll": false])
            #expect(text.contains("- **Reason:** \\*bold\\* \\_it\\_ \\<https://evil.example\\|click\\>"))
            #expect(text.contains("> @\u{200B}all @\u{200B}13800000000 \\<https://evil.example\\|click\\>"))
            #expect(text.contains("> \\- list?  \n> \\# heading?  \n> last line"))
            #expect(!text.contains("@13800000000"))
            #expect(!text.contains("**x**"))
            #expect(!text.contains("\u{0}") && !text.contains("\u{202E}") && !text.contains("\u{1B}"))
        }
    }

    @Test func badTokensAreRejectedAtConfiguration() {
        #expect(throws: NotifierError.permanent(reason: "DingTalk: the webhook URL has no access_token parameter")) {
            try DingTalkNotifier(name: "d", configuration: DingTalkConfiguration(token: "https://oapi.dingtalk.com/robot/send"))
        }
        #expect(throws: NotifierError.permanent(reason: "DingTalk: empty access token")) {
            try DingTalkNotifier(name: "d", configuration: DingTalkConfiguration(token: " "))
        }
    }

    @Test func signatureMatchesAnIndependentComputation() {
        let expected = Data(HMAC<SHA256>.authenticationCode(for: Array("1700000000000\nSECabc".utf8), using: SymmetricKey(data: Array("SECabc".utf8)))).base64EncodedString()
        #expect(DingTalkSignature.sign(timestamp: 1_700_000_000_000, secret: "SECabc") == expected)
    }
}
