import MuninnNotifiers

/// Which parts of a destination's message a template can replace (`template: {title: …, text: …}`), the markup each part
/// is written in, and which part a plain `template: "…"` sets.
enum DestinationTemplateParts {
    /// Part name to markup, for the destinations that can be templated.
    static func parts(of kind: DestinationConfiguration.Kind) -> [String: TemplateMarkup]? {
        switch kind {
        case .slack, .slackWebhook: ["title": .plainText, "text": .slackMrkdwn, "change": .slackMrkdwn]
        case .teams: ["title": .plainText, "text": .plainText]
        case .discord: ["title": .discordMarkdown, "text": .discordMarkdown]
        case .telegram: ["text": .telegramHTML]
        case .dingtalk: ["title": .plainText, "text": .dingTalkMarkdown, "change": .dingTalkMarkdown]
        case .mattermost: ["text": .mattermostMarkdown]
        case .googlechat: ["title": .plainText, "text": .googleChatHTML]
        case .feishu: ["title": .plainText, "text": .plainText]
        case .pagerduty: ["summary": .plainText]
        case .webhook, .console, .elasticsearch, .loki: nil
        }
    }

    /// Parts rendered for manifest changes (the change-watch variables) rather than alerts.
    static let changeParts: Set<String> = ["change"]

    /// The part a plain string sets.
    static func mainPart(of kind: DestinationConfiguration.Kind) -> String {
        kind == .pagerduty ? "summary" : "text"
    }

    /// Why a destination has no templates.
    static func whyNot(_ kind: DestinationConfiguration.Kind) -> String {
        switch kind {
        case .webhook, .console:
            "\(kind.rawValue) payloads are not templated: their JSON schema is fixed (version \"1\") so receivers can rely on it; reshape it in the receiver"
        default:
            "\(kind.rawValue) exports are not templated: their documents have a fixed schema that searches and dashboards rely on"
        }
    }
}
