import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

/// Templated messages at the Slack, Slack webhook, Telegram and Discord receivers: hostile values stay escaped whatever
/// the template does around them, and the limits hold after rendering (the log first, then the text with a note).
@Suite(.timeLimit(.minutes(1))) struct TemplatedSlackTelegramTests {
    static let slackTitle = "{{headline}}: {{namespace}}/{{pod}}"
    static let slackText = "*{{reason}}* in `{{namespace}}` on {{node}} (exit {{exitCode}})\n{{#message}}*Message*\n{{message}}\n{{/message}}*Logs*\n{{logs}}"

    private func templates(title: String? = slackTitle, text: String? = slackText) throws -> MessageTemplates {
        MessageTemplates(title: try title.map { try MessageTemplate($0) }, text: try text.map { try MessageTemplate($0) })
    }

    @Test func slackBotPostsTheTemplatedHeaderAndSections() async throws {
        try await withFakeSlack { slack, url in
            var configuration = SlackConfiguration(token: "xoxb-test", apiURL: url, requestTimeout: .seconds(10), uploadLogs: false)
            configuration.templates = try templates()
            _ = try await SlackNotifier(name: "s", configuration: configuration).send(Samples.hostile(), to: DeliveryTarget(channel: "#alerts"), logger: Samples.logger)
            let message = try #require(slack.messages.first)
            #expect(slack.snapshot.pings.isEmpty)
            #expect(message.blocks.first?[path: ["text", "type"]] == "plain_text")
            #expect(message.blocks.first?[path: ["text", "text"]]?.stringValue == "Container crashed: payments/api-<!channel>")
            #expect(message.text == "Container crashed: payments/api-&lt;!channel&gt;")
            let body = message.blocks.dropFirst().compactMap { $0[path: ["text", "text"]]?.stringValue }.joined(separator: "\n")
            // The template's own markup works; the reason's does not, and nothing can mention or link.
            #expect(body.hasPrefix("*\u{200B}*\u{200B}bold"))
            #expect(!body.contains("*bold*") && !body.contains("<https") && !body.contains("<!"))
            #expect(body.contains("*Message*\n```\n"))
            #expect(body.contains("&lt;!channel&gt; deploy failed &lt;@U123&gt;"))
        }
    }

    @Test func slackThreadRepliesUseTheTemplateWithRepeated() async throws {
        try await withFakeSlack { slack, url in
            var configuration = SlackConfiguration(token: "xoxb-test", apiURL: url, requestTimeout: .seconds(10), uploadLogs: false)
            configuration.templates = try templates(title: nil, text: "{{#repeated}}again: {{/repeated}}{{reason}}")
            let notifier = SlackNotifier(name: "s", configuration: configuration)
            let first = try await notifier.send(Samples.crash(), to: DeliveryTarget(channel: "#alerts"), logger: Samples.logger)
            _ = try await notifier.send(Samples.crash(), to: DeliveryTarget(channel: "#alerts", threadID: first.threadParentID), logger: Samples.logger)
            let texts = slack.messages.map { $0.blocks.dropFirst().compactMap { $0[path: ["text", "text"]]?.stringValue }.joined() }
            #expect(texts == ["OOMKilled", "again: OOMKilled"])
            #expect(slack.messages.last?.isReply == true)
        }
    }

    @Test func slackSplitsLongTextIntoSectionsAndKeepsWithinTheTotal() async throws {
        try await withFakeSlack { slack, url in
            var configuration = SlackConfiguration(token: "xoxb-test", apiURL: url, requestTimeout: .seconds(10), uploadLogs: false, inlineLogCharacters: 2_800)
            configuration.templates = try templates(title: nil, text: "{{#events}}{{.}}\n{{/events}}{{logs}}\n{{message}}")
            var alert = Samples.crash(logs: (1...500).map { "log line \($0) with < and &" }.joined(separator: "\n"))
            alert.message = String(repeating: "m", count: 1_400)
            alert.events = (1...10).map { "event \($0) " + String(repeating: "e", count: 290) }
            _ = try await SlackNotifier(name: "s", configuration: configuration).send(alert, to: DeliveryTarget(channel: "#alerts"), logger: Samples.logger)
            let message = try #require(slack.messages.first)
            let sections = message.blocks.dropFirst().compactMap { $0[path: ["text", "text"]]?.stringValue }
            #expect(sections.allSatisfy { $0.count <= 3_000 })
            #expect(sections.count > 1)
            // Every section is balanced: a code block split between two is closed and reopened.
            #expect(sections.allSatisfy { $0.components(separatedBy: "```").count % 2 == 1 })
            #expect(sections.joined().contains("log line 500 with &lt; and &amp;"))
        }
    }

    @Test func slackCutsTheRenderedTextWithANoteWhenEvenNoLogIsTooLong() async throws {
        try await withFakeSlack { slack, url in
            var configuration = SlackConfiguration(token: "xoxb-test", apiURL: url, requestTimeout: .seconds(10), uploadLogs: false)
            configuration.templates = try templates(title: nil, text: String(repeating: "{{eventsText}}\n", count: 30) + "{{logs}}")
            var alert = Samples.crash()
            alert.events = (1...10).map { "event \($0) " + String(repeating: "e", count: 290) }
            _ = try await SlackNotifier(name: "s", configuration: configuration).send(alert, to: DeliveryTarget(channel: "#alerts"), logger: Samples.logger)
            let sections = try #require(slack.messages.first).blocks.dropFirst().compactMap { $0[path: ["text", "text"]]?.stringValue }
            #expect(sections.reduce(0) { $0 + $1.count } <= 12_000)
            #expect(sections.last?.hasSuffix("… (cut to fit the destination's size limit)") == true)
        }
    }

    @Test func slackWebhookUsesTheTemplates() async throws {
        try await withFakeSlackWebhook { hook, url in
            let notifier = SlackWebhookNotifier(name: "hook", url: url, templates: try templates())
            _ = try await notifier.send(Samples.hostile(), to: DeliveryTarget(), logger: Samples.logger)
            let payload = try #require(hook.payloads.first)
            #expect(payload["text"]?.stringValue == "Container crashed: payments/api-&lt;!channel&gt;")
            #expect(hook.snapshot.pings.isEmpty)
        }
    }

    @Test func telegramTemplateKeepsHostileValuesEscapedAndParsesStrictly() async throws {
        try await withFakeTelegram { telegram, apiURL in
            var configuration = TelegramConfiguration(token: TelegramNotifierTests.token, chatID: "-1001234567890", apiURL: apiURL, requestTimeout: .seconds(30))
            configuration.templates = MessageTemplates(text: try MessageTemplate("<b>{{title}}</b>\nreason: <i>{{reason}}</i>\n{{logs}}"))
            var alert = Samples.hostile()
            alert.pod = "*evil* <b>@here</b> [x](http://y) &amp;"
            _ = try await TelegramNotifier(name: "t", configuration: configuration).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(telegram.messages.first)
            #expect(Set(message.tags) == ["b", "i", "pre"])
            #expect(message.visibleText.hasPrefix("Container crashed: payments/*evil* <b>@here</b> [x](http://y) &amp;\nreason: *bold* _it_ <https://evil.example|click>\n"))
        }
    }

    @Test func telegramLimitHoldsAfterRenderingByCuttingTheLogThenTheText() async throws {
        try await withFakeTelegram { telegram, apiURL in
            var configuration = TelegramConfiguration(token: TelegramNotifierTests.token, chatID: "-1001234567890", apiURL: apiURL, requestTimeout: .seconds(30), logLines: 3_000)
            configuration.templates = MessageTemplates(text: try MessageTemplate("<b>{{title}}</b>\n{{logs}}"))
            let logs = (1...3_000).map { "<line \($0)> " + String(repeating: "&", count: 20) }.joined(separator: "\n")
            let notifier = TelegramNotifier(name: "t", configuration: configuration)
            _ = try await notifier.send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let logged = try #require(telegram.messages.first)
            #expect(logged.visibleText.utf16.count <= 4_096 && logged.visibleText.utf16.count > 3_900)
            #expect(logged.visibleText.contains("<line 3000> "))

            // Forty copies of the events do not fit even without a log: the text is cut, its tags closed, with a note.
            configuration.templates = MessageTemplates(text: try MessageTemplate(String(repeating: "<b>{{title}}</b>\n{{eventsText}}\n", count: 40)))
            var alert = Samples.crash()
            alert.events = (1...10).map { "event \($0) " + String(repeating: "e", count: 100) }
            _ = try await TelegramNotifier(name: "t", configuration: configuration).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let cut = try #require(telegram.messages.last)
            #expect(telegram.messages.count == 2)
            #expect(cut.visibleText.utf16.count <= 4_096)
            #expect(cut.visibleText.contains("… (cut to fit the destination's size limit)"))
        }
    }

    @Test func discordTemplateFillsTitleAndDescription() async throws {
        try await withFakeDiscord { discord, url in
            var configuration = DiscordConfiguration(url: url, requestTimeout: .seconds(30), logLines: 500)
            configuration.templates = MessageTemplates(
                title: try MessageTemplate("{{headline}} {{pod}}"), text: try MessageTemplate("**{{reason}}** on {{node}}\n{{logs}}"))
            var alert = Samples.hostile()
            alert.logs = (1...2_000).map { "log line \($0) `*`" }.joined(separator: "\n")
            _ = try await DiscordNotifier(name: "d", configuration: configuration).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let embed = try #require(discord.messages.first?.embed)
            #expect(embed["title"]?.stringValue == "Container crashed api\\-\\<\\!channel\\>")
            let description = try #require(embed["description"]?.stringValue)
            #expect(description.hasPrefix("**\\*bold\\* \\_it\\_ \\<https\\:"))
            #expect(description.utf16.count <= 4_096 && description.contains("log line 2000"))
            #expect(embed["fields"] == nil)
        }
    }
}
