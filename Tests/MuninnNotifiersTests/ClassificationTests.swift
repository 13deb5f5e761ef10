import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

/// Every destination's answers, classified for the outbox: retry (with the wait asked for) or give up.
@Suite(.timeLimit(.minutes(1))) struct ClassificationTests {
    static let start = Date(timeIntervalSince1970: 1_760_000_000)

    private func slack(_ url: String, now: SettableNow? = nil) -> SlackNotifier {
        SlackNotifier(
            name: "slack", configuration: SlackConfiguration(token: "xoxb-test", apiURL: url, requestTimeout: .seconds(10), uploadLogs: false),
            now: (now ?? SettableNow(Self.start)).closure)
    }

    private func dingTalk(_ url: String, now: SettableNow) throws -> DingTalkNotifier {
        try DingTalkNotifier(name: "d", configuration: DingTalkConfiguration(token: "robot-token", secret: "SECabc", apiURL: url), now: now.closure)
    }

    private func send(_ notifier: some Notifier, channel: String? = nil) async -> NotifierError? {
        do {
            _ = try await notifier.send(Samples.crash(), to: DeliveryTarget(channel: channel), logger: Samples.logger)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Slack

    @Test func slackFailsTheNextNPostsThenAccepts() async throws {
        try await withFakeSlack { fake, url in
            fake.failNextPosts(2, with: .rateLimited(retryAfter: 3))
            let notifier = slack(url)
            let expected = NotifierError.retryable(reason: "Slack chat.postMessage: rate limited (HTTP 429)", retryAfter: .seconds(3))
            #expect(await send(notifier, channel: "C0ALERTS01") == expected)
            #expect(await send(notifier, channel: "C0ALERTS01") == expected)
            #expect(await send(notifier, channel: "C0ALERTS01") == nil)
            #expect(fake.messages.count == 1)
        }
    }

    @Test func slackPacingIsEnforcedPerChannel() async throws {
        let now = SettableNow(Self.start)
        let fake = FakeSlack(now: now.closure)
        fake.update { $0.perChannelInterval = .seconds(1) }
        try await withFakeSlack(fake) { fake, url in
            let notifier = slack(url, now: now)
            #expect(await send(notifier, channel: "C0ALERTS01") == nil)
            #expect(await send(notifier, channel: "C0RANDOM01") == nil)
            #expect(await send(notifier, channel: "C0ALERTS01") == .retryable(reason: "Slack chat.postMessage: rate limited (HTTP 429)", retryAfter: .seconds(1)))
            now.advance(by: 1)
            #expect(await send(notifier, channel: "C0ALERTS01") == nil)
            #expect(fake.messages.map(\.channel) == ["C0ALERTS01", "C0RANDOM01", "C0ALERTS01"])
            #expect(fake.snapshot.rateLimitedPosts == 1)
        }
    }

    @Test(arguments: [
        (FakeSlackFailure.status(408), NotifierError.retryable(reason: "Slack chat.postMessage: HTTP 408", retryAfter: nil)),
        (.status(500), .retryable(reason: "Slack chat.postMessage: HTTP 500", retryAfter: nil)),
        (.status(502), .retryable(reason: "Slack chat.postMessage: HTTP 502", retryAfter: nil)),
        (.status(404), .permanent(reason: "Slack chat.postMessage: HTTP 404")),
        (.error("request_timeout"), .retryable(reason: "Slack chat.postMessage: request_timeout", retryAfter: nil)),
        (.error("fatal_error"), .retryable(reason: "Slack chat.postMessage: fatal_error (the message may have been posted already)", retryAfter: nil)),
        (.error("invalid_auth"), .permanent(reason: "Slack chat.postMessage: invalid_auth (check the bot token)")),
        (.error("not_authed"), .permanent(reason: "Slack chat.postMessage: not_authed (check the bot token)")),
        (.error("account_inactive"), .permanent(reason: "Slack chat.postMessage: account_inactive (check the bot token)")),
        (.error("token_expired"), .permanent(reason: "Slack chat.postMessage: token_expired (check the bot token)")),
        (.error("channel_not_found"), .permanent(reason: "Slack chat.postMessage: channel_not_found (unknown channel, or a private channel the app is not in)")),
        (.error("is_archived"), .permanent(reason: "Slack chat.postMessage: is_archived (the channel is archived: route this alert elsewhere)")),
        (.error("invalid_blocks"), .permanent(reason: "Slack chat.postMessage: invalid_blocks (Slack rejected the message itself; please report this as a Muninn bug)")),
        (.error("msg_blocks_too_long"), .permanent(reason: "Slack chat.postMessage: msg_blocks_too_long (Slack rejected the message itself; please report this as a Muninn bug)")),
        (.error("message_limit_exceeded"), .permanent(reason: "Slack chat.postMessage: message_limit_exceeded (the workspace reached its plan's message limit)")),
        (.error("missing_scope"), .permanent(reason: "Slack chat.postMessage: missing_scope")),
    ])
    func slackAnswersAreClassified(failure: FakeSlackFailure, expected: NotifierError) async throws {
        try await withFakeSlack { fake, url in
            fake.failNextPosts(1, with: failure)
            #expect(await send(slack(url), channel: "C0ALERTS01") == expected)
            #expect(fake.messages.isEmpty)
        }
    }

    @Test func slackWebhookFailsTheNextNThenAccepts() async throws {
        try await withFakeSlackWebhook { hook, url in
            hook.failNext(2, with: .text("", status: 408))
            let notifier = SlackWebhookNotifier(name: "hook", url: url)
            #expect(await send(notifier) == .retryable(reason: "Slack webhook: HTTP 408", retryAfter: nil))
            #expect(await send(notifier)?.isRetryable == true)
            #expect(await send(notifier) == nil)
            #expect(hook.payloads.count == 1)
        }
    }

    // MARK: DingTalk

    @Test func dingTalkRateLimitErrcodesWaitAMinuteThenSucceed() async throws {
        let now = SettableNow(Self.start)
        try await withFakeDingTalk(FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot(secret: "SECabc")], now: now.closure)) { fake, url in
            fake.failNext(2, errcode: 130101, errmsg: "send too fast, exceed 20 times per minute")
            let notifier = try dingTalk(url, now: now)
            let expected = NotifierError.retryable(reason: "DingTalk errcode 130101: send too fast, exceed 20 times per minute", retryAfter: .seconds(60))
            #expect(await send(notifier) == expected)
            #expect(await send(notifier)?.retryAfter == .seconds(60))
            #expect(await send(notifier) == nil)
            #expect(fake.accepted.count == 1)
        }
    }

    @Test func dingTalkLocksARobotOutForTenMinutesAfterTheLimit() async throws {
        let now = SettableNow(Self.start)
        try await withFakeDingTalk(FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot(secret: "SECabc")], now: now.closure)) { fake, url in
            let notifier = try dingTalk(url, now: now)
            for _ in 1...20 {
                #expect(await send(notifier) == nil)
                now.advance(by: 1)
            }
            #expect(await send(notifier)?.retryAfter == .seconds(60))
            now.advance(by: 120)
            #expect(await send(notifier)?.isRetryable == true)
            now.advance(by: 480)
            #expect(await send(notifier) == nil)
            #expect(fake.accepted.count == 21)
            #expect(fake.snapshot.rateLimited == 2)
        }
    }

    @Test(arguments: [
        (310000, "keywords not in content", false), (310000, "ip 10.0.0.1 not in whitelist", false), (400013, "群已被解散", false),
        (400101, "access_token 不存在", false), (400105, "不支持的消息类型", false), (43004, "无效的HTTP HEADER Content-Type", false),
        (460101, "message too long, exceed 20000 bytes", false), (430101, "unsafe link", false), (130101, "send too fast", true),
        (410100, "发送速度太快而限流", true), (-1, "系统繁忙", true),
    ])
    func dingTalkErrcodesAreClassified(code: Int, message: String, retryable: Bool) async throws {
        let now = SettableNow(Self.start)
        try await withFakeDingTalk(FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot(secret: "SECabc")], now: now.closure)) { fake, url in
            fake.failNext(1, errcode: code, errmsg: message)
            let notifier = try dingTalk(url, now: now)
            let error = await send(notifier)
            #expect(error?.isRetryable == retryable)
            #expect(error.map { "\($0)" }?.contains("DingTalk errcode \(code): \(message)") == true)
        }
    }

    @Test(arguments: [(503, true), (502, true), (429, true), (408, true), (404, false), (403, false)])
    func dingTalkHTTPStatusesAreClassified(status: Int, retryable: Bool) async throws {
        try await withFakeServer({ _ in .text("proxy says no", status: status) }) { port in
            let notifier = try DingTalkNotifier(name: "d", configuration: DingTalkConfiguration(token: "robot-token", apiURL: "http://127.0.0.1:\(port)/robot/send"))
            let error = await send(notifier)
            #expect(error?.isRetryable == retryable)
            #expect(error.map { "\($0)" }?.contains("DingTalk answered HTTP \(status): proxy says no") == true)
        }
    }

    // MARK: Webhook

    @Test func webhookReceiversRejectStaleSignaturesAsPermanent() async throws {
        let key: [UInt8] = Array("0123456789abcdef0123456789abcdef".utf8)
        let receiverNow = SettableNow(Self.start)
        try await withFakeWebhook(FakeWebhookReceiver(key: key, now: receiverNow.closure)) { receiver, url in
            let stale = WebhookNotifier(
                name: "hook", configuration: WebhookConfiguration(url: url, secret: "whsec_" + Data(key).base64EncodedString()),
                now: { Self.start.addingTimeInterval(-301) })
            #expect(await send(stale) == .permanent(reason: "webhook answered HTTP 401: invalid signature or stale timestamp"))
            let fresh = WebhookNotifier(
                name: "hook", configuration: WebhookConfiguration(url: url, secret: "whsec_" + Data(key).base64EncodedString()), now: receiverNow.closure)
            #expect(await send(fresh) == nil)
            // The outbox may retry after a lost answer: the receiver sees the same id and keeps one.
            #expect(await send(fresh) == nil)
            #expect(receiver.deliveries.count == 1)
            #expect(receiver.snapshot.duplicates == 1)
        }
    }

    @Test func webhookFailsTheNextNThenAccepts() async throws {
        try await withFakeWebhook { receiver, url in
            receiver.failNext(2, with: .text("", status: 503, headers: [("Retry-After", "4")]))
            let hook = WebhookNotifier(name: "hook", configuration: WebhookConfiguration(url: url))
            #expect(await send(hook) == .retryable(reason: "webhook answered HTTP 503", retryAfter: .seconds(4)))
            #expect(await send(hook)?.retryAfter == .seconds(4))
            #expect(await send(hook) == nil)
            #expect(receiver.deliveries.count == 1)
        }
    }

    // MARK: Timeouts

    // The first attempt of each pair times out quickly; the retry has time to spare, so a loaded
    // machine cannot make it time out too. On a loaded machine the first request may time out before it even
    // reaches the fake: holding stops after it, so the hold never falls to the retry, and that late request may
    // then still be processed (a timeout says nothing about whether the message arrived: the reason the outbox
    // re-sends with the same identity), so the fake accepts one or two.
    @Test func unansweredRequestsAreRetryableTimeoutsEverywhere() async throws {
        try await withFakeSlack { fake, url in
            fake.holdNextPosts(1)
            func notifier(_ timeout: Duration) -> SlackNotifier {
                SlackNotifier(name: "slack", configuration: SlackConfiguration(token: "xoxb-test", apiURL: url, requestTimeout: timeout, uploadLogs: false))
            }
            #expect(await send(notifier(.milliseconds(200)), channel: "C0ALERTS01")?.description.contains("timed out after 0.2 seconds") == true)
            fake.stopHolding()
            #expect(await send(notifier(.seconds(20)), channel: "C0ALERTS01") == nil)
            #expect((1...2).contains(fake.messages.count))
        }
        try await withFakeWebhook { receiver, url in
            receiver.holdNext(1)
            func hook(_ timeout: Duration) -> WebhookNotifier {
                WebhookNotifier(name: "hook", configuration: WebhookConfiguration(url: url, requestTimeout: timeout))
            }
            #expect(await send(hook(.milliseconds(200)))?.isRetryable == true)
            receiver.stopHolding()
            #expect(await send(hook(.seconds(20))) == nil)
            #expect((1...2).contains(receiver.deliveries.count + receiver.snapshot.duplicates))
        }
        try await withFakeDingTalk(FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot()])) { fake, url in
            fake.holdNext(1)
            func notifier(_ timeout: Duration) throws -> DingTalkNotifier {
                try DingTalkNotifier(name: "d", configuration: DingTalkConfiguration(token: "robot-token", apiURL: url, requestTimeout: timeout))
            }
            let impatient = try notifier(.milliseconds(200))
            let patient = try notifier(.seconds(20))
            #expect(await send(impatient)?.isRetryable == true)
            fake.stopHolding()
            #expect(await send(patient) == nil)
            #expect((1...2).contains(fake.accepted.count))
        }
        try await withFakeSlackWebhook { hook, url in
            hook.holdNext(1)
            #expect(await send(SlackWebhookNotifier(name: "hook", url: url, requestTimeout: .milliseconds(200)))?.isRetryable == true)
            hook.stopHolding()
            #expect(await send(SlackWebhookNotifier(name: "hook", url: url, requestTimeout: .seconds(20))) == nil)
            #expect((1...2).contains(hook.payloads.count))
        }
    }
}
