import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

/// Crash-loop grouping: later alerts of a conversation reply in the first message's thread.
@Suite(.timeLimit(.minutes(1))) struct SlackThreadTests {
    private func notifier(_ url: String, uploadLogs: Bool = true) -> SlackNotifier {
        SlackNotifier(name: "slack", configuration: SlackConfiguration(token: "xoxb-test", apiURL: url, requestTimeout: .seconds(10), uploadLogs: uploadLogs))
    }

    private func nextCrash() -> Alert {
        var alert = Samples.crash(logs: "starting\nallocating 2GiB\nkilled")
        alert.id = "uid-1234/api/containerd://def"
        alert.pod = "api-8d2e"
        alert.restartCount = 9
        alert.restartsSeen = 1
        return alert
    }

    @Test func aRepeatRepliesCompactlyUnderTheFirstMessage() async throws {
        try await withFakeSlack { slack, url in
            let slackNotifier = notifier(url)
            let first = try await slackNotifier.send(Samples.crash(), to: DeliveryTarget(channel: "#alerts"), logger: Samples.logger)
            let parent = try #require(first.messageID)
            #expect(first.threadID == nil && first.threadParentID == parent)
            let reply = try await slackNotifier.send(nextCrash(), to: DeliveryTarget(channel: "#alerts", threadID: parent), logger: Samples.logger)

            let messages = slack.messages
            #expect(messages.count == 2)
            #expect(messages.map(\.threadTS) == [nil, parent])
            let posted = messages[1]
            #expect(reply == DeliveryReceipt(messageID: posted.ts, channel: "C0ALERTS01", threadID: parent, note: "log uploaded as file F000000002"))
            #expect(reply.threadParentID == parent)
            #expect(posted.text == "Crashed again: OOMKilled, exit 137, restart 9")
            #expect(posted.body["thread_ts"]?.stringValue == parent)
            #expect(posted.blocks.map { $0["type"]?.stringValue } == ["section", "section", "context"])
            #expect(posted.blocks[0][path: ["text", "text"]]?.stringValue == "*Crashed again*: OOMKilled, exit 137, restart 9\npod `api-8d2e`, container `api`\nexit code: killed by SIGKILL (often the OOM killer)")
            #expect(posted.blocks[1][path: ["text", "text"]]?.stringValue == "*Logs before the crash*\n```\nstarting\nallocating 2GiB\nkilled\n```")
            // The log file goes into the same thread: Slack threads hang off the parent only.
            let uploads = slack.snapshot.uploads
            #expect(uploads.map(\.threadTS) == [parent, parent])
            #expect(uploads.allSatisfy { $0.completed })
            #expect(slack.snapshot.pings.isEmpty)
        }
    }

    @Test func restartJumpsAreCountedInTheReply() async throws {
        try await withFakeSlack { slack, url in
            let slackNotifier = notifier(url, uploadLogs: false)
            let first = try await slackNotifier.send(Samples.crash(), to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            var alert = nextCrash()
            alert.restartsSeen = 4
            _ = try await slackNotifier.send(alert, to: DeliveryTarget(channel: "C0ALERTS01", threadID: first.threadParentID), logger: Samples.logger)
            #expect(slack.messages.last?.text == "Crashed again: OOMKilled, exit 137, restart 9 (4 restarts seen)")
        }
    }

    @Test func aLostParentGivesANewTopLevelMessage() async throws {
        try await withFakeSlack { slack, url in
            let receipt = try await notifier(url, uploadLogs: false).send(
                nextCrash(), to: DeliveryTarget(channel: "C0ALERTS01", threadID: "1600000000.000001"), logger: Samples.logger)
            let messages = slack.messages
            #expect(messages.count == 1)
            #expect(messages[0].threadTS == nil)
            #expect(messages[0].blocks.first?["type"] == "header")
            #expect(receipt == DeliveryReceipt(messageID: messages[0].ts, channel: "C0ALERTS01"))
        }
    }

    @Test func aReplyNeverHangsOffAnotherReply() async throws {
        try await withFakeSlack { slack, url in
            let slackNotifier = notifier(url, uploadLogs: false)
            let first = try await slackNotifier.send(Samples.crash(), to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            let second = try await slackNotifier.send(nextCrash(), to: DeliveryTarget(channel: "C0ALERTS01", threadID: first.threadParentID), logger: Samples.logger)
            let third = try await slackNotifier.send(nextCrash(), to: DeliveryTarget(channel: "C0ALERTS01", threadID: second.threadParentID), logger: Samples.logger)
            #expect(slack.messages.map(\.threadTS) == [nil, first.messageID, first.messageID])
            #expect(third.threadParentID == first.messageID)
        }
    }

    @Test func theRecoveryReplyReadsAsSuch() async throws {
        try await withFakeSlack { slack, url in
            let slackNotifier = notifier(url, uploadLogs: false)
            let first = try await slackNotifier.send(Samples.crash(), to: DeliveryTarget(channel: "C0ALERTS01"), logger: Samples.logger)
            var recovered = Samples.crash(logs: nil)
            recovered.kind = .recovered
            recovered.reason = nil
            recovered.exitCode = nil
            recovered.exitCodeMeaning = nil
            recovered.restartsSeen = nil
            recovered.logsUnavailableReason = "not collected for recoveries"
            _ = try await slackNotifier.send(recovered, to: DeliveryTarget(channel: "C0ALERTS01", threadID: first.threadParentID), logger: Samples.logger)
            #expect(slack.messages.last?.text == "Recovered: restart 8")
        }
    }

    @Test func destinationsWithoutThreadsSayItIsARepeat() async throws {
        try await withFakeSlackWebhook { hook, url in
            _ = try await SlackWebhookNotifier(name: "hook", url: url).send(nextCrash(), to: DeliveryTarget(threadID: "anything"), logger: Samples.logger)
            let payload = try #require(hook.payloads.first)
            #expect(payload["text"]?.stringValue?.hasPrefix("Crashed again: payments/api-8d2e container api") == true)
            #expect(payload["blocks"]?.arrayValue?.first?[path: ["text", "text"]] == "Crashed again: payments/api-8d2e")
        }
        let dingtalk = FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot(keywords: ["Kubernetes"])])
        try await withFakeDingTalk(dingtalk) { dingtalk, url in
            let notifier = try DingTalkNotifier(name: "d", configuration: DingTalkConfiguration(token: "robot-token", apiURL: url))
            _ = try await notifier.send(nextCrash(), to: DeliveryTarget(threadID: "anything"), logger: Samples.logger)
            #expect(dingtalk.accepted.first?.markdownText?.hasPrefix("#### Kubernetes: Crashed again payments/api-8d2e\n") == true)
        }
    }

    @Test func webhookAndConsoleNameTheFirstAlertAsThread() async throws {
        try await withFakeWebhook { receiver, url in
            let hook = WebhookNotifier(name: "hook", configuration: WebhookConfiguration(url: url))
            let first = try await hook.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let second = try await hook.send(nextCrash(), to: DeliveryTarget(threadID: first.threadParentID), logger: Samples.logger)
            let payloads = receiver.deliveries.map(\.payload)
            #expect(payloads.map { $0["thread"] } == [.null, .string(try #require(first.messageID))])
            #expect(payloads.map { $0["messageId"]?.stringValue } == [first.messageID, second.messageID])
            #expect(second.threadID == first.messageID && second.threadParentID == first.messageID)
        }
        let lines = LineCollector()
        let console = ConsoleNotifier(write: { lines.append($0) })
        let first = try await console.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
        _ = try await console.send(nextCrash(), to: DeliveryTarget(threadID: first.threadParentID), logger: Samples.logger)
        let written = try lines.lines.map { try JSONValue(parsing: $0) }
        #expect(written.map { $0["thread"] } == [.null, .string(try #require(first.messageID))])
    }
}
