extension ConfigurationKeys {
    /// The `type:` values, in the order of the reference.
    static let destinationTypes = [
        "slack", "slackWebhook", "dingtalk", "webhook", "console", "elasticsearch", "loki", "teams", "discord", "telegram", "pagerduty",
        "mattermost", "googlechat", "feishu",
    ]

    static var destinations: [ConfigurationKey] {
        [
            ConfigurationKey("destinations", default: "one `console` destination", "named destinations: a map from name to settings, or a list with `name`"),
            ConfigurationKey("destinations.<name>.name", default: "the map key", "letters, digits, `-`, `_`, `.`; used in routes, annotations, metrics (list form only)"),
            ConfigurationKey("destinations.<name>.type", default: "required", "one of: " + destinationTypes.joined(separator: ", ")),
        ] + slackDestinations + dingTalkAndWebhook + logStores + chatDestinations + destinationTemplateKeys
    }

    private static func key(
        _ name: String, _ types: [String], default value: String = "", environment: [String] = [], _ summary: String
    ) -> ConfigurationKey {
        ConfigurationKey("destinations.<name>.\(name)", default: value, environment: environment, types: types, summary)
    }

    private static func secret(_ name: String, _ types: [String], required: Bool = true, environment: [String] = [], _ summary: String) -> [ConfigurationKey] {
        ConfigurationKey.secretPair("destinations.<name>.\(name)", environment: environment, types: types, required: required, summary)
    }

    private static let slackDestinations: [ConfigurationKey] =
        secret("token", ["slack"], environment: ["SLACK_TOKEN"], "the bot token (`xoxb-...`)")
        + [
            key("apiURL", ["slack"], default: "https://slack.com/api", environment: ["SLACK_API_URL"], "the Web API base (a proxy or a test receiver)"),
            key("defaultChannel", ["slack"], default: "none", environment: ["SLACK_CHANNEL"], "a channel name or ID for alerts whose route names none"),
            key("uploadLogs", ["slack"], default: "true", "the whole log as a file in the message's thread"),
            key("inlineLogLines", ["slack", "slackWebhook"], default: "20", "log lines shown in the message"),
            key("inlineLogCharacters", ["slack", "slackWebhook"], default: "2800", "at most this many characters of them"),
        ]
        + secret("url", ["slackWebhook", "webhook", "teams", "discord", "mattermost", "googlechat", "feishu"], "the webhook URL (it carries the credential)")

    private static let dingTalkAndWebhook: [ConfigurationKey] =
        secret("token", ["dingtalk"], environment: ["DINGTALK_TOKEN"], "the robot's access_token or its whole webhook URL")
        + secret("secret", ["dingtalk"], required: false, environment: ["DINGTALK_SECRET"], "the robot's signing secret (加签)")
        + [
            key("apiURL", ["dingtalk"], default: "https://oapi.dingtalk.com/robot/send", "the robot API (a proxy or a test receiver)"),
            key("keyword", ["dingtalk"], default: "Kubernetes", "must match the robot's keyword setting"),
            key("atMobiles", ["dingtalk"], default: "none", "phone numbers to mention"),
            key("atUserIDs", ["dingtalk"], default: "none", "user IDs to mention"),
            key("isAtAll", ["dingtalk"], default: "false", "mention everyone"),
            key("logLines", ["dingtalk"], default: "20", "log lines in the message"),
            key("maximumBodyBytes", ["dingtalk"], default: "20000", "message size limit (1000-20000)"),
        ]
        + secret("secret", ["webhook"], required: false, "Standard Webhooks signing secret")
        + [
            key("headers", ["webhook"], default: "none", "extra HTTP headers (values hidden by `check-config`)"),
            key("maximumLogBytes", ["webhook"], default: "65536", "log bytes in the JSON body"),
            key("format", ["console"], default: "json", "`json` (one line per alert) or `text` (a few readable lines)"),
        ]

    /// The types whose server can be self-hosted behind a private CA: the generic webhook, Mattermost, the log stores,
    /// Slack-compatible webhooks (Mattermost, Rocket.Chat) and a local Telegram Bot API server.
    private static let tlsTypes = ["slackWebhook", "webhook", "elasticsearch", "loki", "telegram", "mattermost"]

    private static let logStores: [ConfigurationKey] = [
        key(
            "url", ["elasticsearch"], default: "required", environment: ["ELASTICSEARCH_URL", "ELASTICSEARCH_SCHEME", "ELASTICSEARCH_PORT"],
            "the base URL, without credentials"),
        key("url", ["loki"], default: "required", "the base URL, without credentials"),
        key("indexPrefix", ["elasticsearch"], default: "k8s-crash-monitor", environment: ["ELASTICSEARCH_INDEX"], "daily indices `<prefix>-YYYY.MM.DD`"),
        key("username", ["elasticsearch"], default: "none", environment: ["ELASTICSEARCH_USERNAME"], "basic auth user (with password)"),
        key("username", ["loki"], default: "none", "basic auth user (with password)"),
    ]
        + secret("password", ["elasticsearch", "loki"], required: false, environment: ["ELASTICSEARCH_PASSWORD"], "basic auth password")
        + secret("apiKey", ["elasticsearch"], required: false, "an Elasticsearch API key instead of basic auth")
        + secret("token", ["loki"], required: false, "a bearer token instead of basic auth")
        + [
            key("tenant", ["loki"], default: "none", "`X-Scope-OrgID`"),
            key("labels", ["loki"], default: "none", "extra stream labels"),
            key("caFile", tlsTypes, default: "system roots", "a private CA bundle (PEM) to trust instead; relative to the configuration file"),
            key("insecureSkipVerify", tlsTypes, default: "false", "skip TLS verification (not with caFile; warned about at start)"),
            key("indexTemplate", ["elasticsearch"], default: "true", "install the index template at start"),
            key("maximumLogBytes", ["elasticsearch"], default: "1000000", environment: ["MAX_CRASHLOG_LENGTH"], "log bytes per document"),
            key("maximumLogBytes", ["loki"], default: "1000000", "log bytes per alert"),
            key("maximumLineBytes", ["loki"], default: "262144", "longest log line sent"),
            key("requestTimeout", ["elasticsearch"], default: "30s", "per request"),
            key(
                "requestTimeout", ["slack", "slackWebhook", "dingtalk", "webhook", "loki", "teams", "discord", "telegram", "pagerduty", "mattermost", "googlechat", "feishu"],
                default: "15s", "per request"),
        ]

    private static let chatDestinations: [ConfigurationKey] =
        [
            key("logLines", ["teams", "discord", "telegram", "feishu"], default: "30", "log lines in the message"),
            key("logLines", ["mattermost"], default: "50", "log lines in the message"),
            key("logLines", ["googlechat"], default: "40", "log lines in the message"),
            key("logLines", ["pagerduty"], default: "100", "log lines in the event's details"),
            key("username", ["discord"], default: "Muninn", "the name messages are posted under"),
            key("avatarURL", ["discord"], default: "none", "the avatar messages are posted with"),
            key("threadID", ["discord"], default: "none", "post into this thread or forum post (digits)"),
        ]
        + secret("token", ["telegram"], "the bot token from @BotFather (`123456789:AA...`)")
        + [
            key("chatID", ["telegram"], default: "required", "a numeric chat id (`-1001234567890`) or `@channelusername`"),
            key("messageThreadID", ["telegram"], default: "none", "a forum topic"),
            key("apiURL", ["telegram"], default: "https://api.telegram.org", "the Bot API base"),
            key("disableNotification", ["telegram"], default: "false", "send silently"),
        ]
        + secret("routingKey", ["pagerduty"], "the 32-character Events API v2 integration key")
        + [
            key("apiURL", ["pagerduty"], default: "https://events.pagerduty.com/v2/enqueue", "the Events API endpoint"),
            key("severity", ["pagerduty"], default: "by alert kind", "critical, error, warning or info"),
            key("clientURL", ["pagerduty"], default: "none", "a link shown in the incident (the dashboard)"),
            key("maximumLogBytes", ["pagerduty"], default: "32768", "log bytes in the event"),
            key("channel", ["mattermost"], default: "the webhook's", "a channel name override"),
            key("username", ["mattermost"], default: "the webhook's", "the name messages are posted under"),
            key("iconURL", ["mattermost"], default: "the webhook's", "the icon messages are posted with"),
            key("threads", ["googlechat"], default: "true", "crash-loop repeats reply in the first alert's thread"),
        ]
        + secret("secret", ["feishu"], required: false, "the bot's signature secret")
        + [key("keyword", ["feishu"], default: "none", "must match the bot's keyword setting")]
}
