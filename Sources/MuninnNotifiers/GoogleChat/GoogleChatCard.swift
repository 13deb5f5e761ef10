import Foundation
import KubeJSON
import MuninnCore

/// The `cardsV2` message for an alert: a header (plain text), a section of facts (`decoratedText`)
/// and sections for the message, Events and the log tail (`textParagraph`), within the size limit
/// by shortening the log tail. Card text is Google Chat's small HTML subset, so every cluster
/// string is HTML-escaped; there is no top-level `text`, whose formatting (`*bold*`, `<users/all>`)
/// has no escape.
public struct GoogleChatCard: Sendable {
    public var body: JSONValue

    public init(alert: Alert, configuration: GoogleChatConfiguration, repeated: Bool = false, threadKey: String? = nil) {
        body = LogFitting.largest(
            maxCharacters: 12_000, fits: { $0.serialized().count <= configuration.maximumBodyBytes },
            build: { Self.message(alert, configuration: configuration, repeated: repeated, threadKey: threadKey, logCharacters: $0) })
    }

    /// `<`, `>` and `&` as entities, and line breaks as `<br>`.
    static func html(_ text: String) -> String {
        TelegramHTML.escaped(PlainText.sanitized(text)).replacingOccurrences(of: "\n", with: "<br>")
    }

    static func message(_ alert: Alert, configuration: GoogleChatConfiguration, repeated: Bool, threadKey: String?, logCharacters: Int) -> JSONValue {
        var facts: [JSONValue] = alert.factRows.map { ["decoratedText": ["topLabel": .string($0.label), "text": .string(html($0.value)), "wrapText": true]] }
        facts.append(["decoratedText": ["topLabel": "Time", "text": .string(alert.occurredAtText)]])
        var sections: [JSONValue] = [["widgets": .array(facts)]]
        func section(_ header: String, _ text: String) {
            sections.append(["header": .string(html(header)), "widgets": [["textParagraph": ["text": .string(html(text))]]]])
        }
        if let message = alert.shownMessage { section("Message", message) }
        if let events = alert.shownEvents { section("Recent events", events) }
        if let tail = alert.logTail(maxLines: configuration.logLines, maxCharacters: logCharacters) {
            section(Alert.logHeading(tail), tail.text.isEmpty ? "(empty)" : tail.text)
        } else {
            section("Logs", alert.logsUnavailableText)
        }
        let card: JSONValue = [
            "header": [
                "title": .string(PlainText.clipped(alert.title(repeated: repeated), to: 200)),
                "subtitle": .string(PlainText.clipped(PlainText.singleLine("Muninn alert \(alert.id)"), to: 200)),
            ],
            "sections": .array(sections),
        ]
        var body: JSONValue = ["cardsV2": [["cardId": "muninn-alert", "card": card]]]
        if let threadKey { body["thread"] = ["threadKey": .string(threadKey)] }
        return body
    }
}
