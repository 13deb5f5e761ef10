import KubeJSON
import MuninnCore

extension MattermostMessage {
    /// The post with the text template as its `text` (markdown; no attachment), within the text budget; nil without a
    /// text template.
    static func templated(_ alert: Alert, configuration: MattermostConfiguration, repeated: Bool) -> JSONValue? {
        guard let template = configuration.templates.text else { return nil }
        func build(_ text: String) -> JSONValue {
            var body: JSONValue = ["text": .string(text)]
            if let channel = configuration.channel, !channel.isEmpty { body["channel"] = .string(channel) }
            if let username = configuration.username, !username.isEmpty { body["username"] = .string(username) }
            if let icon = configuration.iconURL, !icon.isEmpty { body["icon_url"] = .string(icon) }
            return body
        }
        return TemplateFitting.fitted(
            template, alert: alert, markup: .mattermostMarkdown, repeated: repeated, logLines: configuration.logLines,
            maxLogCharacters: configuration.maximumTextCharacters, dashboardURL: configuration.templates.dashboardURL, build: build,
            fits: { ($0["text"]?.stringValue?.count ?? 0) <= configuration.maximumTextCharacters })
    }
}
