import Crypto
import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Synchronization
import Testing

@testable import MuninnNotifiers

/// Changes through the destinations, against the local fakes that enforce the real APIs.
@Suite(.timeLimit(.minutes(1)))
struct ChangeNotifierTests {
    static let context = ChangeContext(old: nil, new: nil, policy: DiffPolicy(), differ: NoDiffer(), logger: Samples.logger)

    /// kwatchman's exact attachment: title, colour, author, footer (clusterName), ts, the diff in a code block.
    @Test func slackWebhookGetsKwatchmansAttachment() async throws {
        try await withFakeSlackWebhook { hook, url in
            let handler = try SlackChangeHandler(
                target: SlackChangeTarget(webhookURL: url, clusterName: "production"), now: { ChangeSamples.observedAt.addingTimeInterval(5) })
            #expect(try await handler.handle(ChangeSamples.update(), context: Self.context) == .continue)
            let payload = try #require(hook.payloads.first)
            #expect(payload["text"] == nil && payload["blocks"] == nil)
            let attachment = try #require(payload["attachments"]?[0])
            #expect(attachment["title"] == "UPDATE deployment\nshop/api")
            #expect(attachment["fallback"] == "UPDATE deployment\nshop/api")
            #expect(attachment["color"] == "#F39C12")
            #expect(attachment["author_name"] == "snebel29/kwatchman")
            #expect(attachment["author_link"] == "https://github.com/snebel29/kwatchman")
            #expect(attachment["footer"] == "production")
            #expect(attachment["ts"] == .int(1_760_000_105))
            #expect(attachment["text"] == "```\n--- before\n+++ after\n@@ -1,2 +1,2 @@\n-image: shop/api:1.0\n+image: shop/api:1.1\n```")
        }
    }

    @Test func additionsAndDeletionsCarryNoDiffText() async throws {
        try await withFakeSlackWebhook { hook, url in
            _ = try await SlackWebhookNotifier(name: "hook", url: url).sendChange(ChangeSamples.deletion(), to: DeliveryTarget(), logger: Samples.logger)
            let attachment = try #require(hook.payloads.first?["attachments"]?[0])
            #expect(attachment["color"] == "#FF0000")
            #expect(attachment["title"] == "DELETE deployment\nshop/api")
            #expect(attachment["text"] == nil)
            // Without a handler's clusterName, the change's cluster is the footer.
            #expect(attachment["footer"] == "prod-eu")
        }
    }

    /// Instead of cutting at 3,994 characters in the middle of a line, whole lines and a note saying what is missing.
    @Test func aLongDiffIsCutAtALineWithANoteOnAWebhook() async throws {
        try await withFakeSlackWebhook { hook, url in
            let change = ChangeSamples.update(diffLines: 200, whileStopped: true)
            _ = try await SlackWebhookNotifier(name: "hook", url: url).sendChange(change, to: DeliveryTarget(), logger: Samples.logger)
            let text = try #require(hook.payloads.first?["attachments"]?[0]?["text"]?.stringValue)
            #expect(text.hasPrefix("_Changed while Muninn was not running; found at start-up._\n```\n--- before\n"))
            let note = try #require(text.split(separator: "\n").last)
            let missing = try #require(Int(note.dropFirst("_diff truncated: ".count).prefix(while: \.isNumber)))
            #expect(note == "_diff truncated: \(missing) more lines_")
            let shown = text.components(separatedBy: "```")[1].split(separator: "\n").count
            #expect(shown + missing == 203)
            #expect(text.contains("&lt;!channel&gt; &amp; more"))
            #expect(hook.snapshot.pings.isEmpty)
        }
    }

    @Test func theBotPostsToItsChannelAndAttachesALongDiffAsAFile() async throws {
        try await withFakeSlack { slack, apiURL in
            let handler = try SlackChangeHandler(target: SlackChangeTarget(token: "xoxb-test", channel: "#alerts", clusterName: "production"), apiURL: apiURL)
            let change = ChangeSamples.update(diffLines: 200)
            _ = try await handler.handle(change, context: Self.context)
            let message = try #require(slack.messages.first)
            #expect(message.channel == "C0ALERTS01")
            #expect(message.text == "UPDATE Deployment shop/api")
            let text = try #require(message.body["attachments"]?[0]?["text"]?.stringValue)
            #expect(text.hasSuffix("more lines; the whole diff is attached as a file_"))
            let upload = try #require(slack.snapshot.uploads.first)
            #expect(upload.completed && upload.threadTS == message.ts && upload.channelID == "C0ALERTS01")
            #expect(upload.filename == "deployment_shop_api.diff")
            #expect(upload.bytes.map { String(decoding: $0, as: UTF8.self) } == change.diff.unifiedDiff)
        }
    }

    @Test func aShortDiffNeedsNoFile() async throws {
        try await withFakeSlack { slack, apiURL in
            let notifier = SlackNotifier(name: "slack", configuration: SlackConfiguration(token: "xoxb-test", apiURL: apiURL, defaultChannel: "alerts"))
            let receipt = try await notifier.sendChange(ChangeSamples.update(), to: DeliveryTarget(), logger: Samples.logger)
            #expect(slack.messages.count == 1)
            #expect(slack.snapshot.uploads.isEmpty)
            #expect(receipt.note == nil && receipt.messageID == slack.messages.first?.ts)
        }
    }

    @Test func aSlackTargetNeedsAWebhookOrATokenAndChannel() {
        #expect(throws: NotifierError.permanent(reason: "the slack change handler needs webhookURL, or token and channel")) {
            try SlackChangeHandler(target: SlackChangeTarget(clusterName: "x"))
        }
        #expect(throws: NotifierError.permanent(reason: "the slack change handler has a token but no channel")) {
            try SlackChangeHandler(target: SlackChangeTarget(token: "xoxb-1"))
        }
    }

    /// The alert webhook's envelope and signature, event type `change`, an id that is stable across retries.
    @Test func theWebhookSendsTheSignedChange() async throws {
        let key = Array("change-secret-key".utf8)
        try await withFakeWebhook(FakeWebhookReceiver(key: key)) { receiver, url in
            let notifier = WebhookNotifier(name: "hook", configuration: WebhookConfiguration(url: url, secret: "whsec_" + Data(key).base64EncodedString()))
            let change = ChangeSamples.update()
            let receipt = try await notifier.sendChange(change, to: DeliveryTarget(), logger: Samples.logger)
            _ = try await notifier.sendChange(change, to: DeliveryTarget(), logger: Samples.logger)
            #expect(receiver.snapshot.signatureValid == [true, true])
            #expect(receiver.snapshot.duplicates == 1)
            let delivery = try #require(receiver.deliveries.first)
            #expect(delivery.id == receipt.messageID && delivery.id == ChangePayload.messageID(for: change))
            #expect(delivery.payload["type"] == "change")
            #expect(delivery.payload["action"] == "Update")
            #expect(delivery.payload["workload"] == ["kind": "Deployment", "name": "api"])
            #expect(delivery.payload["fieldChanges"]?[0]?["new"] == "shop/api:1.1")
            #expect(delivery.payload["unifiedDiff"]?.stringValue == change.diff.unifiedDiff)
        }
    }

    @Test func aFailingWebhookIsRetryable() async throws {
        try await withFakeWebhook { receiver, url in
            receiver.failNext(1, with: .text("", status: 503))
            let notifier = WebhookNotifier(name: "hook", configuration: WebhookConfiguration(url: url))
            await #expect(throws: NotifierError.retryable(reason: "webhook answered HTTP 503", retryAfter: nil)) {
                try await notifier.sendChange(ChangeSamples.update(), to: DeliveryTarget(), logger: Samples.logger)
            }
        }
    }

    @Test func theConsoleWritesOneJSONLine() async throws {
        let lines = Mutex<[String]>([])
        let console = ConsoleNotifier(name: "console", write: { line in lines.withLock { $0.append(line) } })
        _ = try await console.sendChange(ChangeSamples.update(), to: DeliveryTarget(), logger: Samples.logger)
        let line = try #require(lines.withLock { $0 }.first)
        #expect(!line.contains("\n"))
        #expect(try JSONValue(parsing: line)["summary"] == "UPDATE Deployment shop/api")
    }

    @Test func dingTalkGetsAMarkdownMessageWithTheKeyword() async throws {
        let body = DingTalkNotifier.changeBody(ChangeSamples.update(diffLines: 400), configuration: DingTalkConfiguration(token: "t", keyword: "Muninn"))
        let text = try #require(body[path: ["markdown", "text"]]?.stringValue)
        #expect(text.hasPrefix("#### Muninn: UPDATE Deployment shop/api"))
        #expect(text.contains(#"spec.template.spec.containers\[name=api\].image: shop/api:1.0 -\> shop/api:1.1"#))
        #expect(body.serialized().count <= DingTalkConfiguration(token: "t").maximumBodyBytes)
    }
}

/// The handlers under test do not diff.
struct NoDiffer: ManifestDiffing {
    func normalize(_ manifest: JSONValue, policy: DiffPolicy) -> JSONValue { manifest }
    func diff(old: JSONValue?, new: JSONValue?, policy: DiffPolicy) -> ManifestDiff { ManifestDiff(fieldChanges: [], unifiedDiff: "") }
}
