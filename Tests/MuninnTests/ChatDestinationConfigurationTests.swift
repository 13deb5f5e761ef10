import Foundation
import MuninnCore
import MuninnNotifiers
import NotifierFakes
import Testing

@testable import Muninn

/// `destinations:` of the chat and paging types: parsing, several instances, routing, check-config, errors.
@Suite struct ChatDestinationConfigurationTests {
    static let teamsURL = "https://prod-01.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SIGsecret123"
    static let routingKey = "R0123456789ABCDEF0123456789ABCDE"

    static let yaml = """
        destinations:
          teams-ops:
            type: teams
            url: "\(teamsURL)"
          discord-dev:
            type: discord
            url: https://discord.com/api/webhooks/1200/hook-token-secret
            username: Muninn (dev)
            threadID: "1400000000000000001"
          discord-ops:
            type: discord
            urlFile: secrets/discord-ops-url
          telegram:
            type: telegram
            tokenFile: secrets/telegram-token
            chatID: "-1001234567890"
            messageThreadID: 42
          pagerduty:
            type: pagerduty
            routingKey: \(routingKey)
            severity: critical
          mattermost:
            type: mattermost
            url: https://chat.example.com/hooks/h8x4tq3ow7gxbyt1r5kzm9oyya
            channel: alerts
          gchat:
            type: googlechat
            url: https://chat.googleapis.com/v1/spaces/AAAA/messages?key=KEYsecret&token=TOKENsecret
            threads: false
          lark:
            type: feishu
            url: https://open.larksuite.com/open-apis/bot/v2/hook/f3a9c2d1-lark-hook
            secretFile: secrets/lark-secret
            keyword: Kubernetes
        routes:
          - name: payments
            match: {namespace: payments}
            destinations: [pagerduty, discord-ops, lark]
          - name: rest
            destinations: [teams-ops, discord-dev, telegram, mattermost, gchat]
        """

    private func load(_ files: TemporaryFiles, _ text: String = ChatDestinationConfigurationTests.yaml) throws -> MuninnConfiguration {
        try files.write("secrets/discord-ops-url", "https://discord.com/api/webhooks/1201/ops-token-secret\n")
        try files.write("secrets/telegram-token", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\n")
        try files.write("secrets/lark-secret", "lark-signing-secret\n")
        return try MuninnConfiguration.load(file: try files.write("muninn.yaml", text))
    }

    @Test func everyTypeParsesWithSeveralInstancesUsableFromRoutes() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let configuration = try load(files)
        #expect(configuration.destinations.map(\.kind) == [.teams, .discord, .discord, .telegram, .pagerduty, .mattermost, .googlechat, .feishu])
        #expect(configuration.routing.rules.flatMap(\.destinations).map(\.destination) == [
            "pagerduty", "discord-ops", "lark", "teams-ops", "discord-dev", "telegram", "mattermost", "gchat",
        ])
        guard case .chat(.telegram(let telegram)) = configuration.destinations[3].settings else { Issue.record("not telegram"); return }
        #expect(telegram.token.value == "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")
        #expect(telegram.chatID == "-1001234567890" && telegram.messageThreadID == 42)
        guard case .chat(.discord(let ops)) = configuration.destinations[2].settings else { Issue.record("not discord"); return }
        #expect(ops.url.value == "https://discord.com/api/webhooks/1201/ops-token-secret")
        guard case .chat(.pagerduty(let pagerduty)) = configuration.destinations[4].settings else { Issue.record("not pagerduty"); return }
        #expect(pagerduty.severity == "critical")
        guard case .chat(.feishu(let lark)) = configuration.destinations[7].settings else { Issue.record("not feishu"); return }
        #expect(lark.secret?.value == "lark-signing-secret" && lark.keyword == "Kubernetes")

        let notifiers = try NotifierFactory(httpClient: .notifiers).notifiers(for: configuration.destinations)
        #expect(notifiers["teams-ops"] is TeamsNotifier && notifiers["discord-ops"] is DiscordNotifier && notifiers["telegram"] is TelegramNotifier)
        #expect(notifiers["pagerduty"] is PagerDutyNotifier && notifiers["mattermost"] is MattermostNotifier)
        #expect(notifiers["gchat"] is GoogleChatNotifier && notifiers["lark"] is FeishuNotifier)
        #expect(notifiers["telegram"]?.pacing == DeliveryPacing(perDestination: .seconds(3)))
    }

    @Test func checkConfigShowsThemWithoutSecrets() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let configuration = try load(files)
        let lines = ConfigurationSummary(configuration: configuration).destinationLines
        let text = lines.joined(separator: "\n")
        #expect(lines.contains("  teams-ops (teams): url: set (inline)"))
        #expect(lines.contains("  telegram (telegram): token: set (from file secrets/telegram-token), chat: -1001234567890, topic: 42"))
        #expect(lines.contains("  pagerduty (pagerduty): routing key: set (inline), severity: critical"))
        #expect(lines.contains("  gchat (googlechat): url: set (inline), crash-loop threads: off"))
        for secret in ["SIGsecret123", "hook-token-secret", "ops-token-secret", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", Self.routingKey, "KEYsecret", "TOKENsecret", "lark-signing-secret", "f3a9c2d1-lark-hook", "h8x4tq3ow7gxbyt1r5kzm9oyya"] {
            #expect(!text.contains(secret), "\(secret) leaked")
        }
        let scrubber = SecretScrubber(destinations: configuration.destinations)
        #expect(scrubber.scrub("bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw key R0123456789ABCDEF0123456789ABCDE sig SIGsecret123") == "bot<secret> key <secret> sig <secret>")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var yaml: String
        var line: Int
        var key: String
        var message: String
        var testDescription: String { message }
    }

    static let cases: [Case] = [
        Case(yaml: "destinations:\n  t:\n    type: teams\n    url: https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/1/2\n", line: 4, key: "destinations.t.url",
            message: TeamsWebhookURL.retiredMessage),
        Case(yaml: "destinations:\n  t:\n    type: telegram\n    token: not-a-token\n    chatID: '-100'\n", line: 4, key: "destinations.t.token",
            message: "expected a bot token such as 123456789:AAH... (from @BotFather)"),
        Case(yaml: "destinations:\n  t:\n    type: telegram\n    token: '1:abc'\n", line: 3, key: "destinations.t",
            message: "missing chatID (a numeric chat id such as -1001234567890, or @channelusername)"),
        Case(yaml: "destinations:\n  t:\n    type: telegram\n    token: '1:abc'\n    chatID: alerts\n", line: 5, key: "destinations.t.chatID",
            message: "expected a numeric chat id such as -1001234567890, or @channelusername"),
        Case(yaml: "destinations:\n  p:\n    type: pagerduty\n    routingKey: short\n", line: 4, key: "destinations.p.routingKey",
            message: "expected the 32-character integration key of an Events API v2 integration"),
        Case(yaml: "destinations:\n  p:\n    type: pagerduty\n    routingKey: \(routingKey)\n    severity: high\n", line: 5, key: "destinations.p.severity",
            message: "unknown severity 'high' (allowed: critical, error, warning, info)"),
        Case(yaml: "destinations:\n  d:\n    type: discord\n    url: discord.com/api/webhooks/1/x\n", line: 4, key: "destinations.d.url",
            message: "expected an http:// or https:// URL"),
        Case(yaml: "destinations:\n  m:\n    type: mattermost\n    url: https://chat.example.com/hooks/x\n    chanel: alerts\n", line: 5, key: "destinations.m.chanel",
            message: "unknown key; did you mean 'channel'? (allowed: name, type, url, urlFile, channel, username, iconURL, requestTimeout, logLines, caFile, insecureSkipVerify, template, templateFile)"),
        Case(yaml: "destinations:\n  f:\n    type: feishu\n", line: 3, key: "destinations.f", message: "missing url (or urlFile, a file holding it)"),
        Case(yaml: "destinations:\n  g:\n    type: googlechat\n    url: https://chat.googleapis.com/v1/spaces/A/messages\n    threads: sometimes\n", line: 5,
            key: "destinations.g.threads", message: "expected true or false, got 'sometimes'"),
        Case(yaml: "destinations:\n  d:\n    type: discord\n    url: https://discord.com/api/webhooks/1/x\nroutes:\n  - destinations: [{destination: d, channel: '#x'}]\n", line: 6,
            key: "routes[0].destinations[0].channel", message: "destination 'd' (discord) has no channels: its address decides where messages go"),
    ]

    @Test(arguments: cases)
    func mistakesNameTheKeyAndLine(_ example: Case) throws {
        let error = try #require(throws: ConfigurationError.self) { try MuninnConfiguration.parse(example.yaml, file: "muninn.yaml") }
        #expect(error.message == example.message)
        #expect(error.key == example.key)
        #expect(error.line == example.line)
    }
}
