import KubeJSON
import MuninnCore

extension TeamsCard {
    /// The card with the configured templates: the title template as the headline, the text template as the card's
    /// text; both are plain `TextRun`s (never markdown), so the templates write plain text. Nil without any template.
    static func templated(_ alert: Alert, configuration: TeamsConfiguration, repeated: Bool) -> JSONValue? {
        let templates = configuration.templates
        guard !templates.isEmpty else { return nil }
        let standard = TeamsCard(alert: alert, configuration: configuration, repeated: repeated).body
        var elements = standard[path: ["attachments"]]?[0]?[path: ["content", "body"]]?.arrayValue ?? []
        if let title = TemplateFitting.line(
            templates.title, alert: alert, markup: .plainText, repeated: repeated, dashboardURL: templates.dashboardURL, limit: 200),
            !title.isEmpty, !elements.isEmpty
        {
            elements[0] = richText(title, weight: "Bolder", size: "Large", color: alert.isRecovery ? "Good" : "Attention")
        }
        func build(_ text: String?) -> JSONValue {
            var body = elements
            if let text { body = Array(body.prefix(1)) + [richText(text)] }
            let card: JSONValue = [
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
                "body": .array(body), "msteams": ["width": "Full"],
            ]
            return ["type": "message", "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": nil, "content": card]]]
        }
        guard let template = templates.text else { return build(nil) }
        return TemplateFitting.fitted(
            template, alert: alert, markup: .plainText, repeated: repeated, logLines: configuration.logLines, maxLogCharacters: 6_000,
            dashboardURL: templates.dashboardURL, build: { build($0) }, fits: { $0.serialized().count <= configuration.maximumBodyBytes })
            ?? build(nil)
    }

    private static func richText(_ text: String, weight: String? = nil, size: String? = nil, color: String? = nil) -> JSONValue {
        var run: JSONValue = ["type": "TextRun", "text": .string(text)]
        if let weight { run["weight"] = .string(weight) }
        if let size { run["size"] = .string(size) }
        if let color { run["color"] = .string(color) }
        return ["type": "RichTextBlock", "inlines": [run]]
    }
}
