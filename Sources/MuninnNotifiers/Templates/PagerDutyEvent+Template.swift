import MuninnCore

extension PagerDutyEvent {
    /// The summary template rendered as plain text on one line, at most 1,024 characters; nil without one.
    static func templatedSummary(_ alert: Alert, configuration: PagerDutyConfiguration) -> String? {
        let templates = configuration.templates
        let summary = TemplateFitting.line(
            templates.title ?? templates.text, alert: alert, markup: .plainText, repeated: false, dashboardURL: templates.dashboardURL, limit: 1_024)
        return summary?.isEmpty == false ? summary : nil
    }
}
