import ArgumentParser
import Foundation
import KubeJSON
import MuninnCore
import MuninnNotifiers
import NotifierFakes
import Testing

@testable import Muninn

/// `muninn test-notify` through each chat and paging destination, against their enforcing fakes.
@Suite(.timeLimit(.minutes(1))) struct ChatTestNotifyTests {
    private func send(_ yaml: String) async throws -> (allSent: Bool, lines: [String]) {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let config = try files.write("muninn.yaml", yaml)
        let command = try #require(try MuninnCommand.parseAsRoot(["test-notify", "--config", config]) as? TestNotifyCommand)
        let output = LineCollector()
        let allSent = try await command.send(environment: [:], output: output.write)
        return (allSent, output.lines)
    }

    @Test func theSampleReachesEveryChatDestination() async throws {
        let feishuToken = "f3a9c2d1-0000-4000-8000-feishu000001"
        try await withFakeTeams { teams, teamsURL in
            try await withFakeDiscord { discord, discordURL in
                try await withFakeTelegram { telegram, telegramURL in
                    try await withFakePagerDuty { pagerduty, pagerdutyURL in
                        try await withFakeMattermost { mattermost, mattermostURL in
                            try await withFakeGoogleChat { chat, chatURL in
                                try await withFakeFeishu(FakeFeishu(bots: [feishuToken: FakeFeishuBot(secret: "feishu-secret")])) { feishu, feishuURL in
                                    let yaml = """
                                        cluster: {name: prod-eu}
                                        destinations:
                                          teams: {type: teams, url: "\(teamsURL)"}
                                          discord: {type: discord, url: "\(discordURL)"}
                                          telegram: {type: telegram, token: "\(telegram.snapshot.token)", chatID: "-1001234567890", apiURL: "\(telegramURL)"}
                                          pagerduty: {type: pagerduty, routingKey: \(FakePagerDuty.routingKey), apiURL: "\(pagerdutyURL)"}
                                          mattermost: {type: mattermost, url: "\(mattermostURL)"}
                                          gchat: {type: googlechat, url: "\(chatURL)"}
                                          feishu: {type: feishu, url: "\(feishuURL)", secret: feishu-secret}
                                        """
                                    let (allSent, lines) = try await send(yaml)
                                    #expect(allSent, "\(lines)")
                                    #expect(lines.count == 7 && lines.allSatisfy { $0.hasPrefix("ok  ") })
                                    #expect(teams.deliveries.first?.texts.contains { $0.hasPrefix("[TEST]") } == true)
                                    #expect(discord.messages.count == 1 && telegram.messages.count == 1 && mattermost.posts.count == 1)
                                    #expect(lines.contains("ok  discord  message \(discord.messages.first?.id ?? "")"))
                                    #expect(lines.contains("ok  pagerduty  message muninn/prod-eu/muninn-test/\(SampleAlert.pod)/app"))
                                    #expect(pagerduty.events.first?.payload[path: ["payload", "severity"]] == "error")
                                    #expect(chat.messages.count == 1 && feishu.accepted.count == 1)
                                    #expect(telegram.messages.first?.visibleText.contains("[TEST]") == true)
                                    // No line shows a credential.
                                    for secret in [telegram.snapshot.token, FakePagerDuty.routingKey, "sig-secret-0001", "hook-token-AbC"] {
                                        #expect(!lines.joined().contains(secret))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func aFailureIsReportedWithTheDestinationsReason() async throws {
        try await withFakeTelegram { telegram, telegramURL in
            let yaml = "destinations:\n  telegram: {type: telegram, token: '123456789:wrongtoken', chatID: '-1001234567890', apiURL: '\(telegramURL)'}\n"
            let (allSent, lines) = try await send(yaml)
            #expect(!allSent)
            #expect(lines == ["FAIL  telegram  permanent failure: Telegram error 401: Unauthorized (check the bot token)"])
            #expect(telegram.messages.isEmpty)
        }
    }
}
