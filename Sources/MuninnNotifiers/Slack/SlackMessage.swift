import Foundation
import KubeJSON
import MuninnCore

/// The Block Kit message for an alert, within Slack's limits, with every cluster string escaped.
///
/// Layout: a header; a fields grid (cluster, namespace, workload, pod, container, node, image,
/// reason, exit code, restarts); the termination message; recent Events; the log tail; a context
/// line with the time. `text` is the notification and screen-reader fallback.
public struct SlackMessage: Sendable, Equatable {
    public var text: String
    public var blocks: [JSONValue]

    /// Builds the message for an alert that has already been redacted. `repeated` (a later alert of
    /// a conversation, for destinations that cannot reply in a thread) changes the headline.
    public init(alert: Alert, inlineLogLines: Int = 20, inlineLogCharacters: Int = 2_800, repeated: Bool = false) {
        text = PlainText.clipped(SlackText.plain(alert.summaryLine(repeated: repeated)), to: SlackLimits.fallbackText)
        var blocks: [JSONValue] = [
            [
                "type": "header",
                "text": ["type": "plain_text", "text": .string(PlainText.clipped(PlainText.singleLine("\(alert.headline(repeated: repeated)): \(alert.namespace)/\(alert.pod)"), to: SlackLimits.headerText))],
            ]
        ]
        blocks.append(["type": "section", "fields": .array(Self.fields(alert).map { ["type": "mrkdwn", "text": .string($0)] })])
        if let message = alert.message, !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            blocks.append(Self.section("*Message*\n" + SlackText.codeBlock(PlainText.clipped(message, to: 1_400))))
        }
        if !alert.events.isEmpty {
            let lines = alert.events.suffix(10).map { PlainText.clipped(PlainText.singleLine($0), to: 300) }
            let tail = LogTail(lines.joined(separator: "\n"), maxLines: 10, maxCharacters: 1_400)
            blocks.append(Self.section("*Recent events*\n" + SlackText.codeBlock(tail.text)))
        }
        if let change = Self.changeSection(alert) { blocks.append(Self.section(change)) }
        blocks.append(Self.section(Self.logSection(alert, maxLines: inlineLogLines, maxCharacters: inlineLogCharacters)))
        blocks.append(["type": "context", "elements": .array(Self.context(alert).map { ["type": "mrkdwn", "text": .string($0)] })])
        self.blocks = blocks
    }

    /// The chat.postMessage body for a channel ID.
    func postBody(channel: String) -> JSONValue {
        [
            "channel": .string(channel), "text": .string(text), "blocks": .array(blocks),
            "unfurl_links": false, "unfurl_media": false,
        ]
    }

    static func section(_ text: String) -> JSONValue {
        ["type": "section", "text": ["type": "mrkdwn", "text": .string(text)]]
    }

    private static func fields(_ alert: Alert) -> [String] {
        var fields = alert.identityRows
        fields.append(("Exit code", alert.exitCode.map(String.init)))
        fields.append(("Restarts", alert.restartSummary))
        return fields.compactMap { label, value -> String? in
            guard let value else { return nil }
            var text = "*\(label)*\n" + SlackText.inlineCode(PlainText.clipped(value, to: 300))
            if label == "Exit code", let explanation = alert.exitCodeExplanation {
                text += " (" + SlackText.plain(PlainText.clipped(explanation, to: 200)) + ")"
            }
            return text
        }
        .prefix(SlackLimits.sectionFields)
        .map { $0 }
    }

    /// The log tail as a code block whose section stays within 3,000 characters after escaping.
    static func logSection(_ alert: Alert, maxLines: Int, maxCharacters: Int) -> String {
        guard let logs = alert.logs else {
            let reason = alert.logsUnavailableReason.map { SlackText.plain(PlainText.clipped($0, to: 500)) } ?? "not collected"
            return "*Logs*: unavailable: \(reason)"
        }
        let log = PlainText.sanitized(logs)
        func render(_ characters: Int) -> String {
            let tail = LogTail(log, maxLines: maxLines, maxCharacters: characters)
            var heading = "*Logs before the crash*"
            if let notice = tail.cutNotice {
                let kept = tail.text.isEmpty ? 0 : tail.text.split(separator: "\n", omittingEmptySubsequences: false).count
                heading += " (last \(kept == 1 ? "line" : "\(kept) lines"); \(notice))"
            }
            return heading + "\n" + SlackText.codeBlock(tail.text)
        }
        func fits(_ text: String) -> Bool { text.unicodeScalars.count <= SlackLimits.sectionText }
        let whole = render(max(0, maxCharacters))
        if fits(whole) { return whole }
        // Escaping can grow a character up to five times (`&amp;`): find the largest tail that fits.
        var low = 0
        var high = max(0, maxCharacters)
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(render(middle)) { low = middle } else { high = middle - 1 }
        }
        return render(low)
    }

    /// The workload's change shortly before, with the head of its diff, within one section after escaping.
    static func changeSection(_ alert: Alert) -> String? {
        guard let change = alert.precedingChange, let sentence = PrecedingChangeText.sentence(alert) else { return nil }
        let heading = "*Changed shortly before*: " + SlackText.escaped(sentence)
        func render(_ characters: Int) -> String {
            heading + "\n" + SlackText.codeBlock(PrecedingChangeText.diff(change, maxLines: 30, maxCharacters: characters))
        }
        func fits(_ text: String) -> Bool { text.unicodeScalars.count <= SlackLimits.sectionText }
        var low = 0
        var high = 1_500
        if fits(render(high)) { return render(high) }
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(render(middle)) { low = middle } else { high = middle - 1 }
        }
        return render(low)
    }

    static func context(_ alert: Alert) -> [String] {
        let seconds = Int(alert.occurredAt.timeIntervalSince1970.rounded(.down))
        let iso = RFC3339.format(alert.occurredAt)
        var elements = ["<!date^\(seconds)^{date_short_pretty} {time_secs}|\(iso)>"]
        if alert.seenLate { elements.append("Happened while Muninn was not running; reported late") }
        elements.append("Muninn alert " + SlackText.inlineCode(PlainText.clipped(alert.id, to: 200)))
        return elements
    }
}
