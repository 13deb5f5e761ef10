import ArgumentParser
import Foundation
import KubeJSON
import MuninnCore
import MuninnNotifiers
import NotifierFakes
import Testing

@testable import Muninn

@Suite(.timeLimit(.minutes(1))) struct TestNotifyCommandTests {
    private static let webhookKey = Array("test-notify-webhook-key".utf8)
    private static let webhookSecret = "whsec_" + Data(webhookKey).base64EncodedString()
    private static let dingTalkSecret = "SECtest-notify-signing-secret"

    private func parse(_ arguments: [String]) throws -> TestNotifyCommand {
        try #require(try MuninnCommand.parseAsRoot(["test-notify"] + arguments) as? TestNotifyCommand)
    }

    /// Writes `yaml` as the configuration file and runs `test-notify --config <file> arguments`.
    private func send(_ yaml: String, _ arguments: [String] = []) async throws -> (allSent: Bool, lines: [String]) {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let config = try files.write("muninn.yaml", yaml)
        let output = LineCollector()
        let allSent = try await parse(["--config", config] + arguments).send(environment: [:], output: output.write)
        return (allSent, output.lines)
    }

    private static func slack(_ apiURL: String, token: String = "xoxb-test", defaultChannel: String? = "#alerts") -> String {
        "  slack-ops: {type: slack, token: \(token), apiURL: '\(apiURL)'\(defaultChannel.map { ", defaultChannel: '\($0)'" } ?? "")}\n"
    }

    private static func webhook(_ url: String, name: String = "audit") -> String {
        "  \(name): {type: webhook, url: '\(url)', secret: '\(webhookSecret)'}\n"
    }

    private static func header(_ message: FakeSlackMessage) -> String? {
        message.blocks.first?[path: ["text", "text"]]?.stringValue
    }

    @Test func sendsTheSampleToEveryConfiguredDestination() async throws {
        let robot = FakeDingTalkRobot(secret: Self.dingTalkSecret, keywords: ["Kubernetes"])
        try await withFakeSlack { slack, apiURL in
            try await withFakeDingTalk(FakeDingTalk(robots: ["robot-token-1": robot])) { dingtalk, dingTalkURL in
                try await withFakeWebhook(FakeWebhookReceiver(key: Self.webhookKey)) { receiver, hookURL in
                    let yaml = "cluster: {name: prod-eu}\ndestinations:\n" + Self.slack(apiURL)
                        + "  dingtalk: {type: dingtalk, token: '\(dingTalkURL)?access_token=robot-token-1', secret: \(Self.dingTalkSecret)}\n"
                        + Self.webhook(hookURL) + "  stdout: {type: console, format: text}\n"
                    let (allSent, lines) = try await send(yaml)

                    #expect(allSent)
                    let posted = try #require(slack.messages.first)
                    let upload = try #require(slack.snapshot.uploads.first)
                    #expect(lines.contains("ok  slack-ops  #alerts  message \(posted.ts) (log uploaded as file \(upload.fileID))"))
                    #expect(lines.contains("ok  dingtalk  sent"))
                    let delivery = try #require(receiver.deliveries.first)
                    let deliveryID = try #require(delivery.id)
                    #expect(lines.contains("ok  audit  message \(deliveryID)"))
                    #expect(lines.last?.hasPrefix("ok  stdout  message msg_") == true)
                    #expect(lines.filter { $0.hasPrefix("ok  ") }.count == 4)

                    // Slack: the message, then the whole log as a file in its thread.
                    #expect(slack.messages.count == 1)
                    #expect(posted.channel == "C0ALERTS01")
                    #expect(Self.header(posted) == "Container crashed: muninn-test/\(SampleAlert.pod)")
                    #expect(posted.text?.contains("OOMKilled, exit code 137 [prod-eu]") == true)
                    #expect(upload.completed && upload.threadTS == posted.ts)
                    #expect(String(decoding: upload.bytes ?? [], as: UTF8.self).contains("java.lang.OutOfMemoryError: Java heap space"))
                    // DingTalk: signed (the fake checks it) and carrying the TEST label.
                    let markdown = try #require(dingtalk.accepted.first?.markdownText)
                    #expect(markdown.contains("TEST") && markdown.contains("OOMKilled") && markdown.contains("prod-eu"))
                    // Webhook: signed, and the payload is the sample.
                    #expect(receiver.snapshot.signatureValid == [true])
                    let payload = delivery.payload
                    #expect(payload["kind"]?.stringValue == "crashed")
                    #expect(payload["reason"]?.stringValue == "OOMKilled")
                    #expect(payload["exitCode"]?.intValue == 137)
                    #expect(payload["cluster"]?.stringValue == "prod-eu")
                    #expect(payload["seenLate"]?.boolValue == false)
                    #expect(payload["events"]?.arrayValue?.count == 2)
                    #expect(payload["message"]?.stringValue?.hasPrefix("[TEST]") == true)
                    // The console destination printed the alert itself before its result line.
                    #expect(lines.contains { $0.contains("Container crashed") && $0.contains("muninn-test/\(SampleAlert.pod)") })
                }
            }
        }
    }

    @Test func aBadSlackTokenFailsWithTheClassifiedReasonAndExitsOne() async throws {
        try await withFakeSlack { slack, apiURL in
            try await withFakeWebhook { receiver, hookURL in
                let token = "xoxb-revoked-token-123"
                let yaml = "destinations:\n" + Self.slack(apiURL, token: token) + Self.webhook(hookURL)
                let (allSent, lines) = try await send(yaml)

                #expect(!allSent)
                #expect(lines.count == 2)
                #expect(lines[0].hasPrefix("FAIL  slack-ops  #alerts  permanent failure: Slack "))
                #expect(lines[0].hasSuffix(": invalid_auth (check the bot token)"))
                #expect(lines[1].hasPrefix("ok  audit  message msg_"))
                #expect(slack.messages.isEmpty)
                #expect(receiver.deliveries.count == 1)
                #expect(!lines.joined().contains(token))
            }
        }
    }

    @Test func theProcessExitsOneWhenADeliveryFails() async throws {
        try await withFakeDingTalk(FakeDingTalk(robots: [:])) { _, dingTalkURL in
            let files = try TemporaryFiles()
            defer { files.remove() }
            let config = try files.write("muninn.yaml", "destinations:\n  dingtalk: {type: dingtalk, token: unknown-robot, apiURL: '\(dingTalkURL)'}\n")
            let command = try parse(["--config", config])
            let output = LineCollector()
            #expect(try await command.send(environment: [:], output: output.write) == false)
            #expect(output.lines == ["FAIL  dingtalk  permanent failure: DingTalk errcode 300005: token is not exist (unknown robot token)"])
            await #expect(throws: ExitCode.failure) { try await command.run() }
        }
    }

    @Test func aTemporaryFailureSaysTheDaemonWouldRetry() async throws {
        try await withFakeWebhook { receiver, hookURL in
            receiver.failNext(1, with: .text("", status: 503))
            let (allSent, lines) = try await send("destinations:\n" + Self.webhook(hookURL))
            #expect(!allSent)
            #expect(lines == ["FAIL  audit  temporary failure: webhook answered HTTP 503 (`muninn run` would retry this; if it persists, check the destination's URL and the network)"])
        }
    }

    @Test func secretsAreNeverPrintedEvenWhenAReceiverEchoesThem() async throws {
        try await withFakeWebhook { receiver, hookURL in
            receiver.failNext(1, with: .text("rejected signature for \(Self.webhookSecret)", status: 401))
            let (allSent, lines) = try await send("destinations:\n" + Self.webhook(hookURL))
            #expect(!allSent)
            let line = try #require(lines.first)
            #expect(!line.contains(Self.webhookSecret))
            #expect(line.contains("HTTP 401: rejected signature for <secret> (check the destination's credentials: token, URL or signing secret)"))
        }
    }

    @Test func destinationSelectsWhereTheSampleGoes() async throws {
        try await withFakeSlack { slack, apiURL in
            try await withFakeWebhook { receiver, hookURL in
                let yaml = "destinations:\n" + Self.slack(apiURL) + Self.webhook(hookURL) + Self.webhook(hookURL, name: "audit-2")
                let (allSent, lines) = try await send(yaml, ["--destination", "audit-2", "--destination", "slack-ops"])
                #expect(allSent)
                #expect(lines.count == 2)
                #expect(lines[0].hasPrefix("ok  audit-2  message msg_"))
                #expect(lines[1].hasPrefix("ok  slack-ops  #alerts  message "))
                #expect(slack.messages.count == 1)
                #expect(receiver.deliveries.count == 1)
            }
        }
    }

    @Test func anUnknownDestinationNamesTheConfiguredOnes() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let config = try files.write(
            "muninn.yaml", "destinations:\n  audit: {type: webhook, url: 'http://127.0.0.1:1/h'}\n  stdout: {type: console}\n")
        let command = try parse(["--config", config, "--destination", "slack"])
        let error = await #expect(throws: TestNotifyError.self) { try await command.send(environment: [:], output: { _ in }) }
        #expect(error?.message == "unknown destination 'slack' (configured: audit, stdout)")
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }

    @Test func channelOverridesTheDefaultChannel() async throws {
        try await withFakeSlack { slack, apiURL in
            let (allSent, lines) = try await send("destinations:\n" + Self.slack(apiURL), ["--channel", "#random"])
            #expect(allSent)
            #expect(lines.first?.hasPrefix("ok  slack-ops  #random  message ") == true)
            #expect(slack.messages.map(\.channel) == ["C0RANDOM01"])
        }
    }

    @Test func aChannelForADestinationWithoutChannelsIsAnError() async throws {
        try await withFakeWebhook { receiver, hookURL in
            let files = try TemporaryFiles()
            defer { files.remove() }
            let config = try files.write("muninn.yaml", "destinations:\n" + Self.slack("http://127.0.0.1:1/api") + Self.webhook(hookURL))
            let command = try parse(["--config", config, "--channel", "#alerts"])
            let error = await #expect(throws: TestNotifyError.self) { try await command.send(environment: [:], output: { _ in }) }
            #expect(error?.message.hasPrefix("--channel #alerts: audit has no channels") == true)
            #expect(error?.message.hasSuffix("choose one with --destination: slack-ops)") == true)
            #expect(receiver.snapshot.requests.isEmpty)
        }
    }

    @Test func aSlackDestinationWithoutADefaultChannelAsksForOne() async throws {
        try await withFakeSlack { slack, apiURL in
            let yaml = "destinations:\n" + Self.slack(apiURL, defaultChannel: nil)
                + "routes:\n  - name: shop\n    destinations: [{destination: slack-ops, channel: '#shop-alerts'}]\n"
            let (allSent, lines) = try await send(yaml)
            #expect(!allSent)
            #expect(lines == ["FAIL  slack-ops  no defaultChannel configured: name one with --channel (its routes use #shop-alerts)"])
            #expect(slack.snapshot.requests.isEmpty)
        }
    }

    @Test func theSeedsEnvironmentWorksWithoutAConfigFile() async throws {
        try await withFakeSlack { slack, apiURL in
            let environment = ["SLACK_TOKEN": "xoxb-test", "SLACK_API_URL": apiURL, "SLACK_CHANNEL": "#alerts", "CLUSTER_NAME": "pod-monitor"]
            let output = LineCollector()
            let allSent = try await parse([]).send(environment: environment, output: output.write)
            #expect(allSent)
            #expect(output.lines.count == 1)
            #expect(output.lines.first?.hasPrefix("ok  slack  #alerts  message ") == true)
            #expect(slack.messages.first?.text?.hasSuffix("[pod-monitor]") == true)
        }
    }

    @Test func johariMirrorsTableSuggestsItsChannels() async throws {
        let environment = ["SLACK_TOKEN": "xoxb-test", "SLACK_NOTIFICATION_CONFIG": "shop/*/*=#shop,*/*/*=#everything"]
        let output = LineCollector()
        #expect(try await parse([]).send(environment: environment, output: output.write) == false)
        #expect(output.lines == ["FAIL  slack  no defaultChannel configured: name one with --channel (its routes use #shop, #everything)"])
    }

    @Test(arguments: Alert.Kind.allCases)
    func kindPreviewsEachMessageType(kind: Alert.Kind) async throws {
        try await withFakeSlack { slack, apiURL in
            try await withFakeWebhook { receiver, hookURL in
                let (allSent, lines) = try await send("destinations:\n" + Self.slack(apiURL) + Self.webhook(hookURL), ["--kind", kind.rawValue])
                #expect(allSent, "\(lines)")
                let sample = SampleAlert.make(kind: kind, cluster: "default", id: "x", now: Date())
                let posted = try #require(slack.messages.first)
                #expect(Self.header(posted) == "\(sample.headline): muninn-test/\(SampleAlert.pod)")
                #expect(receiver.deliveries.first?.payload["kind"]?.stringValue == kind.rawValue)
                // Only the crash has a log, and so a file.
                #expect(slack.snapshot.uploads.count == (kind == .crashed ? 1 : 0))
            }
        }
    }

    @Test func anUnknownKindIsAUsageError() throws {
        #expect(throws: (any Error).self) { _ = try MuninnCommand.parseAsRoot(["test-notify", "--kind", "exploded"]) }
        #expect(try parse(["--kind", "cannotstart"]).kind == "cannotstart")
    }

    @Test func aBadConfigurationFailsLikeRun() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let config = try files.write("muninn.yaml", "destinations:\n  ops: {type: slack, tokenFile: missing, defaultChannel: '#a'}\n")
        let command = try parse(["--config", config])
        let error = await #expect(throws: ConfigurationError.self) { try await command.send(environment: [:], output: { _ in }) }
        let expected = #expect(throws: ConfigurationError.self) { _ = try MuninnConfiguration.load(file: config) }
        #expect(error != nil && error == expected)
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }
}
