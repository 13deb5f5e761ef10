import Foundation
import KubeJSON
import MuninnCore

/// The webhook body for an alert: a heading line in `text`, and one message attachment (colour,
/// short fields, message, Events and the log tail in code blocks, footer) whose text stays within
/// the budget by shortening the log tail.
public struct MattermostMessage: Sendable {
    public var body: JSONValue

    public init(alert: Alert, configuration: MattermostConfiguration, repeated: Bool = false) {
        body = LogFitting.largest(
            maxCharacters: configuration.maximumTextCharacters,
            fits: { ($0[path: ["attachments"]]?[0]?["text"]?.stringValue?.count ?? 0) <= configuration.maximumTextCharacters },
            build: { Self.message(alert, configuration: configuration, repeated: repeated, logCharacters: $0) })
    }

    static func message(_ alert: Alert, configuration: MattermostConfiguration, repeated: Bool, logCharacters: Int) -> JSONValue {
        let title = MattermostMarkdown.escaped(PlainText.clipped(alert.title(repeated: repeated), to: 300))
        var parts: [String] = []
        if let message = alert.shownMessage { parts.append("**Message**\n" + MattermostMarkdown.codeBlock(message)) }
        if let events = alert.shownEvents { parts.append("**Recent events**\n" + MattermostMarkdown.codeBlock(events)) }
        if let tail = alert.logTail(maxLines: configuration.logLines, maxCharacters: logCharacters) {
            parts.append("**" + MattermostMarkdown.escaped(Alert.logHeading(tail)) + "**\n" + MattermostMarkdown.codeBlock(tail.text))
        } else {
            parts.append(MattermostMarkdown.escaped(alert.logsUnavailableText))
        }
        let attachment: JSONValue = [
            "fallback": .string(PlainText.clipped(MattermostMarkdown.escaped(alert.summaryLine(repeated: repeated)), to: 500)),
            "color": .string(alert.isRecovery ? "#2EB67D" : alert.kind == .notReady ? "#ECB22E" : "#E01E5A"),
            "fields": .array(alert.factRows.map { ["title": .string($0.label), "value": .string(MattermostMarkdown.escaped($0.value)), "short": true] }),
            "text": .string(parts.joined(separator: "\n")),
            "footer": .string("Muninn alert " + MattermostMarkdown.escaped(PlainText.clipped(alert.id, to: 200)) + " · " + alert.occurredAtText),
        ]
        var body: JSONValue = ["text": .string("#### " + (alert.isRecovery ? ":white_check_mark: " : ":red_circle: ") + title), "attachments": [attachment]]
        if let channel = configuration.channel, !channel.isEmpty { body["channel"] = .string(channel) }
        if let username = configuration.username, !username.isEmpty { body["username"] = .string(username) }
        if let icon = configuration.iconURL, !icon.isEmpty { body["icon_url"] = .string(icon) }
        return body
    }
}
