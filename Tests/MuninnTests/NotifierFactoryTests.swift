import ArgumentParser
import AsyncHTTPClient
import Foundation
import MuninnCore
import MuninnNotifiers
import Testing

@testable import Muninn

@Suite struct NotifierFactoryTests {
    private let factory = NotifierFactory(httpClient: .notifiers)

    @Test func buildsOneNotifierPerDestinationWithItsName() throws {
        let configuration = try MuninnConfiguration.parse(
            """
            destinations:
              ops: {type: slack, token: xoxb-1, defaultChannel: '#a', apiURL: 'http://127.0.0.1:1/api/'}
              hook: {type: slackWebhook, url: 'https://hooks.slack.com/services/T/B/X'}
              ding: {type: dingtalk, token: abc, secret: SEC1, atMobiles: ['1380000']}
              audit: {type: webhook, url: 'https://example.com/h', secret: s, headers: {Authorization: Bearer t}}
              out: {type: console}
            """, file: "m.yaml")
        let notifiers = try factory.notifiers(for: configuration.destinations)
        #expect(Set(notifiers.keys) == ["ops", "hook", "ding", "audit", "out"])
        for (name, notifier) in notifiers { #expect(notifier.name == name) }
        let slack = try #require(notifiers["ops"] as? SlackNotifier)
        #expect(slack.configuration.token == "xoxb-1")
        #expect(slack.configuration.apiURL == "http://127.0.0.1:1/api")
        #expect(slack.configuration.defaultChannel == "#a")
        #expect(notifiers["hook"] is SlackWebhookNotifier)
        let dingtalk = try #require(notifiers["ding"] as? DingTalkNotifier)
        #expect(dingtalk.configuration.secret == "SEC1")
        #expect(dingtalk.configuration.atMobiles == ["1380000"])
        let webhook = try #require(notifiers["audit"] as? WebhookNotifier)
        #expect(webhook.configuration.headers.map(\.name) == ["Authorization"])
        #expect(webhook.configuration.secret == "s")
        #expect(notifiers["out"] is ConsoleNotifier)
    }

    @Test func theSeedsDestinationsBuild() throws {
        let configuration = try GlobalOptions.parse([]).resolve(environment: [
            "SLACK_TOKEN": "xoxb-1", "SLACK_NOTIFICATION_CONFIG": "*/*/*=#a", "DINGTALK_TOKEN": "https://oapi.dingtalk.com/robot/send?access_token=abc",
        ])
        let notifiers = try factory.notifiers(for: configuration.destinations)
        #expect(notifiers["slack"] is SlackNotifier)
        #expect(notifiers["dingtalk"] is DingTalkNotifier)
    }

    @Test func aSettingTheNotifierRejectsNamesTheDestination() throws {
        let bad = DestinationConfiguration(name: "d", settings: .dingtalk(DingTalkDestinationSettings(token: SecretValue(value: "a/b", source: .inline))))
        let error = try #require(throws: ConfigurationError.self) { try factory.notifiers(for: [bad]) }
        #expect(error.key == "destinations.d.token")
        #expect(error.message.contains("neither an access_token nor a webhook URL"))
    }

    @Test func duplicateNamesAreRejected() throws {
        let console = MuninnConfiguration.consoleDestination
        let error = try #require(throws: ConfigurationError.self) { try factory.notifiers(for: [console, console]) }
        #expect(error.key == "destinations.console")
    }
}
