import Foundation
import KubeJSON
import MuninnCore

/// The markdown message for an alert, escaped for DingTalk's renderer and kept under its byte limit
/// by shortening the log tail.
public struct DingTalkMessage: Sendable {
    public var body: JSONValue

    /// Builds the message for an alert that has already been redacted; `repeated` heads it as a
    /// later alert of a conversation ("Crashed again").
    public init(alert: Alert, configuration: DingTalkConfiguration, repeated: Bool = false) {
        var lines = alert.logs.map { _ in configuration.logLines } ?? 0
        var characters = 4_000
        while true {
            let body = Self.body(alert, configuration: configuration, repeated: repeated, logLines: lines, logCharacters: characters)
            if body.serialized().count <= configuration.maximumBodyBytes || (lines == 0 && characters == 0) {
                self.body = body
                return
            }
            characters /= 2
            if characters < 100 { characters = 0; lines = 0 }
        }
    }

    private static func body(_ alert: Alert, configuration: DingTalkConfiguration, repeated: Bool, logLines: Int, logCharacters: Int) -> JSONValue {
        let headline = alert.headline(repeated: repeated)
        let title = PlainText.clipped(PlainText.singleLine("\(configuration.keyword): \(headline) \(alert.namespace)/\(alert.pod)"), to: 100)
        var text = "#### " + DingTalkMarkdown.escaped(title) + "\n\n"
        var rows = alert.identityRows + [("Exit code", alert.exitCodeSummary), ("Restarts", alert.restartSummary)]
        if alert.seenLate { rows.append(("Note", "happened while Muninn was not running; reported late")) }
        rows.append(("Time", RFC3339.format(alert.occurredAt)))
        for case (let label, let value?) in rows {
            text += "- **\(label):** " + DingTalkMarkdown.escaped(PlainText.clipped(value, to: 300)) + "\n"
        }
        if let message = alert.message, !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            text += "\n**Message**\n\n" + DingTalkMarkdown.quoted(PlainText.clipped(message, to: 1_500)) + "\n"
        }
        if !alert.events.isEmpty {
            let events = alert.events.suffix(10).map { PlainText.clipped(PlainText.singleLine($0), to: 300) }.joined(separator: "\n")
            text += "\n**Recent events**\n\n" + DingTalkMarkdown.quoted(events) + "\n"
        }
        if let change = alert.precedingChange, let sentence = PrecedingChangeText.sentence(alert) {
            text += "\n**Changed shortly before:** " + DingTalkMarkdown.escaped(sentence) + "\n\n"
            text += DingTalkMarkdown.quoted(PrecedingChangeText.diff(change, maxLines: 20, maxCharacters: 1_200)) + "\n"
        }
        if let logs = alert.logs {
            let tail = LogTail(PlainText.sanitized(logs), maxLines: logLines, maxCharacters: logCharacters)
            text += "\n**Logs before the crash**" + (tail.cutNotice.map { " (" + $0 + ")" } ?? "") + "\n\n"
            text += (tail.text.isEmpty ? "> (empty)" : DingTalkMarkdown.quoted(tail.text)) + "\n"
        } else {
            text += "\n**Logs:** unavailable: " + DingTalkMarkdown.escaped(PlainText.clipped(alert.logsUnavailableReason ?? "not collected", to: 500)) + "\n"
        }
        // A mention renders in place only when the text carries it too.
        let mentions = configuration.atMobiles.map { "@" + $0 } + configuration.atUserIDs.map { "@" + $0 }
        if !mentions.isEmpty { text += "\n" + mentions.joined(separator: " ") + "\n" }
        var at: JSONValue = ["isAtAll": .bool(configuration.isAtAll)]
        if !configuration.atMobiles.isEmpty { at["atMobiles"] = .array(configuration.atMobiles.map { .string($0) }) }
        if !configuration.atUserIDs.isEmpty { at["atUserIds"] = .array(configuration.atUserIDs.map { .string($0) }) }
        return ["msgtype": "markdown", "markdown": ["title": .string(title), "text": .string(text)], "at": at]
    }
}
