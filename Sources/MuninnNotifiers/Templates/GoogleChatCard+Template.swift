import Foundation
import KubeJSON
import MuninnCore

extension GoogleChatCard {
    /// The card with the configured templates: the title template as the header title (plain text), the text template
    /// as one `textParagraph` (Chat's HTML subset; line breaks become `<br>`). Nil without any template.
    static func templated(_ alert: Alert, configuration: GoogleChatConfiguration, repeated: Bool, threadKey: String?) -> JSONValue? {
        let templates = configuration.templates
        guard !templates.isEmpty else { return nil }
        let body = GoogleChatCard(alert: alert, configuration: configuration, repeated: repeated, threadKey: threadKey).body
        guard var card = body["cardsV2"]?[0]?["card"] else { return nil }
        if let title = TemplateFitting.line(
            templates.title, alert: alert, markup: .plainText, repeated: repeated, dashboardURL: templates.dashboardURL, limit: 200),
            !title.isEmpty
        {
            card[path: ["header", "title"]] = .string(title)
        }
        func build(_ text: String?) -> JSONValue {
            var templated = card
            if let text {
                let html = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "<br>")
                templated["sections"] = [["widgets": [["textParagraph": ["text": .string(html)]]]]]
            }
            var message = body
            message["cardsV2"] = [["cardId": "muninn-alert", "card": templated]]
            return message
        }
        guard let template = templates.text else { return build(nil) }
        return TemplateFitting.fitted(
            template, alert: alert, markup: .googleChatHTML, repeated: repeated, logLines: configuration.logLines, maxLogCharacters: 12_000,
            dashboardURL: templates.dashboardURL, build: { build($0) }, fits: { $0.serialized().count <= configuration.maximumBodyBytes })
            ?? build(nil)
    }
}
