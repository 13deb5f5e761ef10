import Foundation
import KubeJSON
import MuninnCore

/// The interactive card for an alert: a coloured header and `div`s whose text is `plain_text`, so
/// no cluster string is read as lark_md (`<at id=all>`, `**`, links). Kept below the body limit by
/// shortening the log tail.
public struct FeishuCard: Sendable {
    public var card: JSONValue

    /// - Parameter fits: whether a card (with whatever else the body carries) is small enough.
    public init(alert: Alert, configuration: FeishuConfiguration, repeated: Bool = false, fits: (JSONValue) -> Bool) {
        card = LogFitting.largest(
            maxCharacters: 8_000, fits: fits,
            build: { Self.card(alert, configuration: configuration, repeated: repeated, logCharacters: $0) })
    }

    static func plain(_ text: String) -> JSONValue { ["tag": "div", "text": ["tag": "plain_text", "content": .string(text)]] }

    static func card(_ alert: Alert, configuration: FeishuConfiguration, repeated: Bool, logCharacters: Int) -> JSONValue {
        var title = PlainText.clipped(alert.title(repeated: repeated), to: 200)
        if let keyword = configuration.keyword, !keyword.isEmpty { title = keyword + ": " + title }
        var elements: [JSONValue] = [
            [
                "tag": "div",
                "fields": .array(alert.factRows.map { ["is_short": true, "text": ["tag": "plain_text", "content": .string("\($0.label): \($0.value)")]] }),
            ]
        ]
        func section(_ heading: String, _ text: String) {
            elements.append(["tag": "hr"])
            elements.append(plain(heading))
            elements.append(plain(text))
        }
        if let message = alert.shownMessage { section("Message", message) }
        if let events = alert.shownEvents { section("Recent events", events) }
        if let tail = alert.logTail(maxLines: configuration.logLines, maxCharacters: logCharacters) {
            section(Alert.logHeading(tail), tail.text.isEmpty ? "(empty)" : tail.text)
        } else {
            section("Logs", alert.logsUnavailableText)
        }
        elements.append(["tag": "note", "elements": [["tag": "plain_text", "content": .string(alert.occurredAtText + " · Muninn alert " + PlainText.clipped(PlainText.singleLine(alert.id), to: 200))]]])
        return [
            "config": ["wide_screen_mode": true],
            "header": ["title": ["tag": "plain_text", "content": .string(title)], "template": .string(alert.isRecovery ? "green" : alert.kind == .notReady ? "orange" : "red")],
            "elements": .array(elements),
        ]
    }
}
