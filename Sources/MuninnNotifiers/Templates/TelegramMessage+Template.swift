import MuninnCore

extension TelegramMessage {
    /// The configured template's text (HTML parse mode) within 4,096 characters as Telegram counts them, or nil without
    /// a template (or when it renders blank).
    static func templated(_ alert: Alert, configuration: TelegramConfiguration, repeated: Bool) -> String? {
        guard let template = configuration.templates.text else { return nil }
        return TemplateFitting.fitted(
            template, alert: alert, markup: .telegramHTML, repeated: repeated, logLines: configuration.logLines, maxLogCharacters: maximumLength,
            dashboardURL: configuration.templates.dashboardURL, build: { $0 }, fits: { TelegramHTML.visibleLength(ofHTML: $0) <= maximumLength })
    }
}
