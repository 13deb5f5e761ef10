extension ConfigurationKeys {
    /// The change watch; docs/changes.md explains it.
    static let changes: [ConfigurationKey] = [
        ConfigurationKey("changes", default: "off", environment: ["KW_CONFIG_FILE"], "watch manifests and report their changes"),
        ConfigurationKey("changes.kwatchmanConfig", default: "none", environment: ["KW_CONFIG_FILE"], "a kwatchman file (TOML, YAML or JSON) instead of resources and chain; `KW_CONFIG_FILE` adds to `changes` (docs/changes.md)"),
        ConfigurationKey("changes.resources", default: "required (or kwatchmanConfig, KW_CONFIG_FILE)", "kinds to watch: names (`deployments`) or mappings with the keys below"),
        ConfigurationKey("changes.resources[].name", default: "required", "a kind as kubectl resolves it (`deploy`, `configmaps`, `apps/v1/statefulsets`, a CRD)"),
        ConfigurationKey("changes.resources[].namespaces", default: "all", environment: ["KW_NAMESPACE"], "namespaces to watch"),
        ConfigurationKey("changes.resources[].labelSelector", default: "none", environment: ["KW_LABEL_SELECTOR"], "a label selector"),
        ConfigurationKey("changes.resources[].ignorePaths", default: "none", "paths left out of the diff (`spec.replicas`)"),
        ConfigurationKey("changes.resources[].honourAnnotation", default: "true", "honour the objects' `muninn.io/diff-ignore` annotation"),
        ConfigurationKey("changes.chain", default: "[diff, log]", "the handlers each change goes through, in order"),
        ConfigurationKey("changes.chain[].diff", "drop changes without a difference"),
        ConfigurationKey("changes.chain[].diff.ignorePaths", default: "none", "more paths left out of the diff"),
        ConfigurationKey("changes.chain[].log", "one JSON line per change"),
        ConfigurationKey("changes.chain[].ignoreEvents", "drop these events: `Add`, `Update`, `Delete`"),
        ConfigurationKey("changes.chain[].slack", "post to Slack: an incoming webhook, or a bot token and channel"),
    ] + ConfigurationKey.secretPair("changes.chain[].slack.webhookURL", required: false, "an incoming webhook URL")
        + ConfigurationKey.secretPair("changes.chain[].slack.token", required: false, "a bot token (with `channel`)")
        + [
            ConfigurationKey("changes.chain[].slack.channel", default: "none", "the bot's channel"),
            ConfigurationKey("changes.chain[].slack.clusterName", default: "`cluster.name`", "the cluster name shown"),
            ConfigurationKey("changes.chain[].webhook", "POST the change as JSON, signed like alert webhooks"),
        ]
        + ConfigurationKey.secretPair("changes.chain[].webhook.url", "the URL")
        + ConfigurationKey.secretPair("changes.chain[].webhook.secret", required: false, "Standard Webhooks signing secret")
        + [
            ConfigurationKey("changes.chain[].exec", "run a program with the change as JSON on stdin"),
            ConfigurationKey("changes.chain[].exec.command", default: "required", "the program and its arguments"),
            ConfigurationKey("changes.chain[].exec.timeout", default: "10s", "how long it may run (1s-1h)"),
            ConfigurationKey("changes.chain[].destination", "send through a configured destination (by name)"),
            ConfigurationKey("changes.attempts", default: "4", "runs of the chain per change (1 + retries), 1-20"),
            ConfigurationKey("changes.crashLinkWindow", default: "30m", "crash alerts name a change of their workload this recent; `off` disables"),
            ConfigurationKey(
                "changes.drainTimeout", default: "10s", "at shutdown, how long a change already in the chain may take to finish; `off`: stop at once"),
        ]
}
