import Foundation
import KubeJSON
import MuninnCore

extension DingTalkMessage {
    /// The body with the configured templates: the title template as `markdown.title` (the notification preview, after
    /// the keyword), the text template as `markdown.text`, followed by the configured mentions (DingTalk renders them
    /// only when the text carries them). Within the body's byte limit; nil without any template.
    static func templated(_ alert: Alert, configuration: DingTalkConfiguration, repeated: Bool) -> JSONValue? {
        let templates = configuration.templates
        guard !templates.isEmpty else { return nil }
        var body = DingTalkMessage(alert: alert, configuration: configuration, repeated: repeated).body
        if let title = TemplateFitting.line(
            templates.title, alert: alert, markup: .plainText, repeated: repeated, dashboardURL: templates.dashboardURL, limit: 100),
            !title.isEmpty
        {
            // The keyword (when the robot requires one) must be in the title or the text: it leads the title, as before.
            let keyword = configuration.keyword.isEmpty || title.contains(configuration.keyword) ? "" : configuration.keyword + ": "
            body[path: ["markdown", "title"]] = .string(keyword + title)
        }
        guard let template = templates.text else { return body }
        let mentions = configuration.atMobiles.map { "@" + $0 } + configuration.atUserIDs.map { "@" + $0 }
        let keywordMissing = { (text: String) in !configuration.keyword.isEmpty && !text.contains(configuration.keyword) }
        func build(_ text: String) -> JSONValue {
            var markdown = text
            // A robot with a keyword refuses a message without it; the title alone is not checked by every robot version.
            if keywordMissing(markdown) { markdown = "#### " + DingTalkMarkdown.escaped(configuration.keyword) + "\n\n" + markdown }
            if !mentions.isEmpty { markdown += "\n\n" + mentions.joined(separator: " ") + "\n" }
            var templated = body
            templated[path: ["markdown", "text"]] = .string(markdown)
            return templated
        }
        return TemplateFitting.fitted(
            template, alert: alert, markup: .dingTalkMarkdown, repeated: repeated, logLines: configuration.logLines, maxLogCharacters: 4_000,
            dashboardURL: templates.dashboardURL, build: build, fits: { $0.serialized().count <= configuration.maximumBodyBytes })
            ?? body
    }
}
