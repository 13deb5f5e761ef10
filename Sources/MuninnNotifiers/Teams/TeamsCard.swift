import Foundation
import KubeJSON
import MuninnCore

/// The Adaptive Card (1.4, inside the Bot Framework message wrapper the Workflows templates expect)
/// for an alert, kept below the body limit by shortening the log tail.
///
/// Cluster strings never go through markdown: names and facts are `TextRun`s of `RichTextBlock`s
/// (plain text by definition) and free text is in Teams' `CodeBlock`, so a pod called
/// `*evil* [x](http://y)` shows as exactly that.
public struct TeamsCard: Sendable {
    public var body: JSONValue

    public init(alert: Alert, configuration: TeamsConfiguration, repeated: Bool = false) {
        body = LogFitting.largest(
            maxCharacters: 6_000, fits: { $0.serialized().count <= configuration.maximumBodyBytes },
            build: { Self.message(alert, repeated: repeated, logLines: configuration.logLines, logCharacters: $0) })
    }

    static func message(_ alert: Alert, repeated: Bool, logLines: Int, logCharacters: Int) -> JSONValue {
        var elements: [JSONValue] = [
            richText([run(PlainText.clipped(alert.title(repeated: repeated), to: 200), weight: "Bolder", size: "Large", color: alert.isRecovery ? "Good" : "Attention")])
        ]
        var facts: [JSONValue] = []
        for (index, row) in alert.factRows.enumerated() {
            facts.append(run(row.label + ": ", weight: "Bolder"))
            facts.append(run(row.value + (index == alert.factRows.count - 1 ? "" : "\n")))
        }
        elements.append(richText(facts))
        if let message = alert.shownMessage { elements += section("Message", message) }
        if let events = alert.shownEvents { elements += section("Recent events", events) }
        if let tail = alert.logTail(maxLines: logLines, maxCharacters: logCharacters) {
            elements += section(Alert.logHeading(tail), tail.text.isEmpty ? "(empty)" : tail.text)
        } else {
            elements.append(richText([run(alert.logsUnavailableText, isSubtle: true)]))
        }
        elements.append(richText([run(alert.occurredAtText + " · Muninn alert " + PlainText.clipped(PlainText.singleLine(alert.id), to: 200), size: "Small", isSubtle: true)]))
        let card: JSONValue = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
            "body": .array(elements), "msteams": ["width": "Full"],
        ]
        return [
            "type": "message",
            "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": nil, "content": card]],
        ]
    }

    private static func section(_ heading: String, _ text: String) -> [JSONValue] {
        [
            richText([run(heading, weight: "Bolder")]),
            ["type": "CodeBlock", "codeSnippet": .string(text), "language": "PlainText"],
        ]
    }

    private static func richText(_ inlines: [JSONValue]) -> JSONValue {
        ["type": "RichTextBlock", "inlines": .array(inlines)]
    }

    private static func run(_ text: String, weight: String? = nil, size: String? = nil, color: String? = nil, isSubtle: Bool = false) -> JSONValue {
        var run: JSONValue = ["type": "TextRun", "text": .string(text)]
        if let weight { run["weight"] = .string(weight) }
        if let size { run["size"] = .string(size) }
        if let color { run["color"] = .string(color) }
        if isSubtle { run["isSubtle"] = true }
        return run
    }
}
