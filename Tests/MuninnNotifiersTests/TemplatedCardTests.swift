import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

/// Templated messages at the Teams, DingTalk, Mattermost, Google Chat, Feishu and PagerDuty receivers: hostile values
/// stay escaped (or plain, where the element is plain text), and the size limits hold after rendering.
@Suite(.timeLimit(.minutes(1))) struct TemplatedCardTests {
    static func title() throws -> MessageTemplate { try MessageTemplate("{{headline}}: {{namespace}}/{{pod}}") }

    @Test func teamsTitleAndTextArePlainTextRuns() async throws {
        try await withFakeTeams { teams, url in
            var configuration = TeamsConfiguration(url: url, requestTimeout: .seconds(30))
            configuration.templates = MessageTemplates(title: try Self.title(), text: try MessageTemplate("Reason: {{reason}}\n{{logs}}"))
            _ = try await TeamsNotifier(name: "t", configuration: configuration).send(Samples.hostile(), to: DeliveryTarget(), logger: Samples.logger)
            let delivery = try #require(teams.deliveries.first)
            #expect(delivery.flowFailure == nil)
            #expect(delivery.markdownTexts.isEmpty)
            #expect(delivery.texts.first == "Container crashed: payments/api-<!channel>")
            #expect(delivery.texts.dropFirst().first?.hasPrefix("Reason: *bold* _it_ <https://evil.example|click>\n") == true)
        }
    }

    @Test func teamsBodyStaysBelowItsLimit() async throws {
        try await withFakeTeams { teams, url in
            var configuration = TeamsConfiguration(url: url, requestTimeout: .seconds(30), logLines: 5_000)
            configuration.templates = MessageTemplates(text: try MessageTemplate("{{logs}}"))
            let logs = (1...5_000).map { "line \($0) \"quoted\" <x>" }.joined(separator: "\n")
            _ = try await TeamsNotifier(name: "t", configuration: configuration).send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let delivery = try #require(teams.deliveries.first)
            #expect(delivery.bodyBytes <= 20_000)
            #expect(delivery.texts.joined().contains("line 5000 \"quoted\" <x>"))
        }
    }

    @Test func dingTalkTemplateKeepsTheKeywordAndMentions() async throws {
        let fake = FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot(secret: nil, keywords: ["Kubernetes"])], now: { Samples.occurredAt })
        try await withFakeDingTalk(fake) { dingtalk, url in
            var configuration = DingTalkConfiguration(token: "robot-token", apiURL: url, atMobiles: ["13800000000"], requestTimeout: .seconds(10))
            configuration.templates = MessageTemplates(title: try Self.title(), text: try MessageTemplate("**{{reason}}** {{pod}}\n\n{{logs}}"))
            _ = try await DingTalkNotifier(name: "d", configuration: configuration, now: { Samples.occurredAt }).send(
                Samples.hostile(), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(dingtalk.accepted.first)
            let text = try #require(message.markdownText)
            #expect(message.body[path: ["markdown", "title"]]?.stringValue == "Kubernetes: Container crashed: payments/api-<!channel>")
            #expect(text.hasPrefix("#### Kubernetes\n\n**\\*bold\\* \\_it\\_ \\<https"))
            #expect(text.contains("@\u{200B}all"))
            #expect(text.hasSuffix("@13800000000\n"))
            #expect(message.mentionsInText["13800000000"] == true)
        }
    }

    @Test func mattermostTextReplacesTheAttachment() async throws {
        try await withFakeMattermost { mattermost, url in
            var configuration = MattermostConfiguration(url: url, requestTimeout: .seconds(30), logLines: 5_000)
            configuration.templates = MessageTemplates(text: try MessageTemplate("#### {{title}}\n{{reason}}\n{{logs}}"))
            var alert = Samples.hostile()
            alert.logs = (1...5_000).map { "line \($0) @channel" }.joined(separator: "\n")
            _ = try await MattermostNotifier(name: "m", configuration: configuration).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let post = try #require(mattermost.posts.first)
            #expect(post.payload["attachments"] == nil)
            let text = try #require(post.payload["text"]?.stringValue)
            #expect(text.hasPrefix("#### Container crashed\\: payments/api\\-\\<\u{200B}\\!channel\\>"))
            #expect(text.count <= 12_000 && text.contains("line 5000 @\u{200B}channel"))
            #expect(mattermost.snapshot.mentions.isEmpty)
        }
    }

    @Test func googleChatTextIsOneParagraphOfItsHTML() async throws {
        try await withFakeGoogleChat { chat, url in
            var configuration = GoogleChatConfiguration(url: url, threads: false, requestTimeout: .seconds(30))
            configuration.templates = MessageTemplates(title: try Self.title(), text: try MessageTemplate("<b>{{reason}}</b>\n{{logs}}"))
            _ = try await GoogleChatNotifier(name: "g", configuration: configuration).send(Samples.hostile(), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(chat.messages.first)
            let card = try #require(message.payload["cardsV2"]?[0]?["card"])
            #expect(card[path: ["header", "title"]]?.stringValue == "Container crashed: payments/api-<!channel>")
            let paragraph = try #require(card["sections"]?[0]?["widgets"]?[0]?[path: ["textParagraph", "text"]]?.stringValue)
            #expect(paragraph.hasPrefix("<b>*bold* _it_ &lt;https://evil.example|click&gt;</b><br>"))
        }
    }

    @Test func feishuTextIsPlainText() async throws {
        let fake = FakeFeishu(bots: [FeishuNotifierTests.token: FakeFeishuBot(secret: nil, keywords: ["Kubernetes"])], now: { Samples.occurredAt })
        try await withFakeFeishu(fake) { feishu, url in
            var configuration = FeishuConfiguration(url: url, keyword: "Kubernetes", requestTimeout: .seconds(30))
            configuration.templates = MessageTemplates(title: try Self.title(), text: try MessageTemplate("{{reason}}\n{{logs}}"))
            _ = try await FeishuNotifier(name: "f", configuration: configuration, now: { Samples.occurredAt }).send(
                Samples.hostile(), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(feishu.accepted.first)
            #expect(message.markdownTexts.isEmpty)
            #expect(message.texts.contains("Kubernetes: Container crashed: payments/api-<!channel>"))
            #expect(message.texts.contains { $0.hasPrefix("*bold* _it_ <https://evil.example|click>\n") })
        }
    }

    /// Forty copies of the Events cannot fit any of these bodies even without a log: the text is cut with a note, and the
    /// receivers (which enforce the size limits) accept what is left.
    static let oversized = String(repeating: "{{title}}\n{{eventsText}}\n", count: 40) + "{{logs}}"

    static func alertWithLongEvents() -> Alert {
        var alert = Samples.crash(logs: (1...3_000).map { "log line \($0) <&>" }.joined(separator: "\n"))
        alert.events = (1...10).map { "event \($0) " + String(repeating: "<e&>", count: 70) }
        return alert
    }

    @Test func dingTalkCutsTheLogThenTheTextToItsByteLimit() async throws {
        let fake = FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot(secret: nil, keywords: ["Kubernetes"])], now: { Samples.occurredAt })
        try await withFakeDingTalk(fake) { dingtalk, url in
            var configuration = DingTalkConfiguration(token: "robot-token", apiURL: url, requestTimeout: .seconds(10), logLines: 3_000)
            configuration.templates = MessageTemplates(text: try MessageTemplate("{{title}}\n\n{{logs}}"))
            let notifier = try DingTalkNotifier(name: "d", configuration: configuration, now: { Samples.occurredAt })
            _ = try await notifier.send(Self.alertWithLongEvents(), to: DeliveryTarget(), logger: Samples.logger)
            configuration.templates = MessageTemplates(text: try MessageTemplate(Self.oversized))
            _ = try await DingTalkNotifier(name: "d", configuration: configuration, now: { Samples.occurredAt }).send(
                Self.alertWithLongEvents(), to: DeliveryTarget(), logger: Samples.logger)
            let messages = dingtalk.accepted
            #expect(messages.count == 2 && messages.allSatisfy { $0.body.serialized().count <= 20_000 })
            #expect(messages[0].markdownText?.contains("log line 3000 \\<&\\>") == true)
            #expect(messages[1].markdownText?.contains("… \\(cut to fit the destination's size limit\\)") == true)
        }
    }

    @Test func googleChatCutsTheTextToItsByteLimitKeepingItsHTMLValid() async throws {
        try await withFakeGoogleChat { chat, url in
            var configuration = GoogleChatConfiguration(url: url, threads: false, requestTimeout: .seconds(30))
            configuration.templates = MessageTemplates(text: try MessageTemplate("<b>" + Self.oversized + "</b>"))
            _ = try await GoogleChatNotifier(name: "g", configuration: configuration).send(Self.alertWithLongEvents(), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(chat.messages.first)
            #expect(message.payload.serialized().count <= 28_000)
            let paragraph = try #require(message.payload["cardsV2"]?[0]?["card"]?["sections"]?[0]?["widgets"]?[0]?[path: ["textParagraph", "text"]]?.stringValue)
            #expect(paragraph.hasSuffix("</b><br>… (cut to fit the destination's size limit)"))
        }
    }

    @Test func feishuCutsTheTextToItsByteLimit() async throws {
        let fake = FakeFeishu(bots: [FeishuNotifierTests.token: FakeFeishuBot(secret: nil, keywords: [])], now: { Samples.occurredAt })
        try await withFakeFeishu(fake) { feishu, url in
            var configuration = FeishuConfiguration(url: url, requestTimeout: .seconds(30))
            configuration.templates = MessageTemplates(text: try MessageTemplate(Self.oversized))
            _ = try await FeishuNotifier(name: "f", configuration: configuration, now: { Samples.occurredAt }).send(
                Self.alertWithLongEvents(), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(feishu.accepted.first)
            #expect(message.body.serialized().count <= 19_000)
            #expect(message.texts.contains { $0.hasSuffix("… (cut to fit the destination's size limit)") })
        }
    }

    @Test func pagerDutySummaryIsTheTemplateOnOneLine() async throws {
        try await withFakePagerDuty { pagerduty, url in
            var configuration = PagerDutyConfiguration(routingKey: FakePagerDuty.routingKey, apiURL: url, requestTimeout: .seconds(30))
            configuration.templates = MessageTemplates(title: try MessageTemplate("[{{cluster}}] {{pod}}\n{{reason}} " + String(repeating: "x", count: 2_000)))
            _ = try await PagerDutyNotifier(name: "p", configuration: configuration).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let event = try #require(pagerduty.events.first)
            let summary = try #require(event.payload[path: ["payload", "summary"]]?.stringValue)
            #expect(summary.hasPrefix("[prod-eu] api-7f9c OOMKilled xxx"))
            #expect(summary.count == 1_024 && summary.hasSuffix("…"))
        }
    }
}
