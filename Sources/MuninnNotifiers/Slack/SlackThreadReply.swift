import Foundation
import KubeJSON
import MuninnCore

/// The compact reply a later alert of a crash loop posts in the first message's thread:
/// "Crashed again: OOMKilled, exit 137, restart 7", the pod it happened in, and the log tail.
///
/// The parent already shows the workload, node, image and events; a reply repeats only what
/// changes from one crash to the next.
public struct SlackThreadReply: Sendable, Equatable {
    public var text: String
    public var blocks: [JSONValue]

    /// Builds the reply for an alert that has already been redacted.
    public init(alert: Alert, inlineLogLines: Int = 20, inlineLogCharacters: Int = 2_800) {
        let details = alert.repeatDetails
        let line = alert.repeatHeadline + (details.isEmpty ? "" : ": " + details)
        text = PlainText.clipped(SlackText.plain(line), to: SlackLimits.fallbackText)
        var summary = "*" + SlackText.plain(alert.repeatHeadline) + "*"
        if !details.isEmpty { summary += ": " + SlackText.plain(PlainText.clipped(details, to: 500)) }
        var location = "pod " + SlackText.inlineCode(PlainText.clipped(alert.pod, to: 300))
        if let container = alert.container { location += ", container " + SlackText.inlineCode(PlainText.clipped(container, to: 300)) }
        if let explanation = alert.exitCodeExplanation { location += "\nexit code: " + SlackText.plain(PlainText.clipped(explanation, to: 300)) }
        var blocks: [JSONValue] = [SlackMessage.section(summary + "\n" + location)]
        if let message = alert.message, !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            blocks.append(SlackMessage.section("*Message*\n" + SlackText.codeBlock(PlainText.clipped(message, to: 1_400))))
        }
        blocks.append(SlackMessage.section(SlackMessage.logSection(alert, maxLines: inlineLogLines, maxCharacters: inlineLogCharacters)))
        blocks.append(["type": "context", "elements": .array(SlackMessage.context(alert).map { ["type": "mrkdwn", "text": .string($0)] })])
        self.blocks = blocks
    }

    /// The chat.postMessage body replying under `threadTS` in a channel ID.
    func postBody(channel: String, threadTS: String) -> JSONValue {
        [
            "channel": .string(channel), "thread_ts": .string(threadTS), "text": .string(text), "blocks": .array(blocks),
            "unfurl_links": false, "unfurl_media": false,
        ]
    }
}
