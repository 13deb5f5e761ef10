extension ConfigurationKeys {
    /// Every destination type's parser reads these keys; the types whose payload is a fixed JSON schema refuse
    /// them with the reason (docs/templates.md).
    private static let templatedTypes = [
        "slack", "slackWebhook", "dingtalk", "webhook", "console", "elasticsearch", "loki", "teams", "discord", "telegram", "pagerduty",
        "mattermost", "googlechat", "feishu",
    ]

    /// The message template keys of destinations: a Mustache template replacing the text a destination sends.
    static let destinationTemplateKeys: [ConfigurationKey] = [
        ConfigurationKey(
            "destinations.<name>.template", default: "built-in", types: templatedTypes,
            "Mustache template of the message text, or a map of its parts (`title`, `text`, `change`, `summary`); not for webhook, console, elasticsearch, loki (docs/templates.md)"),
        ConfigurationKey(
            "destinations.<name>.templateFile", types: templatedTypes,
            "the same read from files (a path, or a map of parts to paths), relative to the configuration file"),
    ]
}
