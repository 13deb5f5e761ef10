import KubeJSON
import MuninnCore

extension FeishuCard {
    /// The card with the configured templates: the title template as the header (after the keyword), the text template
    /// as one `plain_text` div (never lark_md, so the template writes plain text). Nil without any template.
    static func templated(_ alert: Alert, configuration: FeishuConfiguration, repeated: Bool, fits: (JSONValue) -> Bool) -> JSONValue? {
        let templates = configuration.templates
        guard !templates.isEmpty else { return nil }
        var card = FeishuCard(alert: alert, configuration: configuration, repeated: repeated, fits: fits).card
        if let title = TemplateFitting.line(
            templates.title, alert: alert, markup: .plainText, repeated: repeated, dashboardURL: templates.dashboardURL, limit: 200),
            !title.isEmpty
        {
            let keyword = configuration.keyword.map { $0.isEmpty ? "" : $0 + ": " } ?? ""
            card[path: ["header", "title", "content"]] = .string(keyword + title)
        }
        guard let template = templates.text else { return card }
        let note = card["elements"]?.arrayValue?.last
        func build(_ text: String) -> JSONValue {
            var templated = card
            templated["elements"] = .array([plain(text)] + (note.map { [$0] } ?? []))
            return templated
        }
        return TemplateFitting.fitted(
            template, alert: alert, markup: .plainText, repeated: repeated, logLines: configuration.logLines, maxLogCharacters: 8_000,
            dashboardURL: templates.dashboardURL, build: build, fits: fits)
            ?? card
    }
}
