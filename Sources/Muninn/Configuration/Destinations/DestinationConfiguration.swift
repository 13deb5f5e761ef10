import MuninnNotifiers

/// One named destination instance from `destinations:` (or from the replaced tools' environment):
/// its type and that type's settings. `NotifierFactory` turns it into a notifier.
struct DestinationConfiguration: Equatable {
    enum Settings: Equatable {
        case slack(SlackDestinationSettings)
        case slackWebhook(SlackWebhookDestinationSettings)
        case dingtalk(DingTalkDestinationSettings)
        case webhook(WebhookDestinationSettings)
        /// `format: json` (one JSON line per alert, the default) or `text` (a few readable lines, what the demo shows).
        case console(format: ConsoleNotifier.Format)
        /// Teams, Discord, Telegram, PagerDuty, Mattermost, Google Chat, Feishu/Lark.
        case chat(ChatDestinationSettings)
        /// Elasticsearch or OpenSearch: documents in daily indices, like the Kubernetes Pod Monitor's.
        case elasticsearch(ElasticsearchDestinationSettings)
        /// Grafana Loki: the captured log lines.
        case loki(LokiDestinationSettings)
    }

    /// The `type:` values, as written in the file.
    enum Kind: String, CaseIterable {
        case slack, slackWebhook, dingtalk, webhook, console, elasticsearch, loki
        case teams, discord, telegram, pagerduty, mattermost, googlechat, feishu
    }

    /// Used in routes, pod annotations, metrics and delivery lanes.
    var name: String
    var settings: Settings
    /// Templates replacing the text of the destination's messages (docs/templates.md); empty for the built-in layout.
    var templates = MessageTemplates()

    var kind: Kind {
        switch settings {
        case .slack: .slack
        case .slackWebhook: .slackWebhook
        case .dingtalk: .dingtalk
        case .webhook: .webhook
        case .console: .console
        case .chat(let chat): chat.kind
        case .elasticsearch: .elasticsearch
        case .loki: .loki
        }
    }

    /// Only a Slack bot can post to a channel of the alert's choosing; the others' address fixes it.
    var acceptsChannel: Bool { kind == .slack }
}
