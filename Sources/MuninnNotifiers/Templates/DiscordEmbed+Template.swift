import KubeJSON
import MuninnCore

extension DiscordEmbed {
    /// The body with the configured templates: the title template as the embed title, the text template as its
    /// description (without the built-in fields), within Discord's limits; nil without any template.
    static func templated(_ alert: Alert, configuration: DiscordConfiguration, repeated: Bool) -> JSONValue? {
        let templates = configuration.templates
        guard !templates.isEmpty else { return nil }
        var body = DiscordEmbed(alert: alert, configuration: configuration, repeated: repeated).body
        guard var embed = body["embeds"]?[0] else { return nil }
        if let title = TemplateFitting.line(
            templates.title, alert: alert, markup: .discordMarkdown, repeated: repeated, dashboardURL: templates.dashboardURL, limit: DiscordLimits.title),
            !title.isEmpty
        {
            embed["title"] = .string(clipped(title, to: DiscordLimits.title))
        }
        guard let template = templates.text else {
            body["embeds"] = [embed]
            return body
        }
        func build(_ text: String) -> JSONValue {
            var templated = embed
            templated["description"] = .string(text)
            templated["fields"] = nil
            var message = body
            message["embeds"] = [templated]
            return message
        }
        if let templated = TemplateFitting.fitted(
            template, alert: alert, markup: .discordMarkdown, repeated: repeated, logLines: configuration.logLines,
            maxLogCharacters: DiscordLimits.description, dashboardURL: templates.dashboardURL, build: build, fits: fits)
        {
            return templated
        }
        body["embeds"] = [embed]
        return body
    }
}
