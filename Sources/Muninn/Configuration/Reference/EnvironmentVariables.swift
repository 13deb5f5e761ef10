/// Every environment variable Muninn reads, for the reference in docs/configuration.md. The replaced tools'
/// variables are read so their deployments keep working unchanged; a Muninn file, `MUNINN_*` variables and flags
/// override them. A test checks this list against what the readers read.
enum EnvironmentVariables {
    static let all: [EnvironmentVariable] = muninn + seeds + kwatchman + kubernetes

    static let muninn: [EnvironmentVariable] = [
        EnvironmentVariable("MUNINN_CLUSTER_NAME", from: "Muninn", "`cluster.name`"),
        EnvironmentVariable("MUNINN_NAMESPACES", from: "Muninn", "`watch.namespaces` (comma-separated)"),
        EnvironmentVariable("MUNINN_LOG_LEVEL", from: "Muninn", "`log.level`"),
        EnvironmentVariable("MUNINN_LOG_FORMAT", from: "Muninn", "`log.format`"),
        EnvironmentVariable("MUNINN_STORE_PATH", from: "Muninn", "`store.path`"),
        EnvironmentVariable("MUNINN_STORE_DSN", from: "Muninn", secret: true, "`store.dsn`"),
        EnvironmentVariable("MUNINN_LEADER_ELECTION", from: "Muninn", "`leaderElection.enabled` (`true`/`false`)"),
    ]

    static let seeds: [EnvironmentVariable] = [
        EnvironmentVariable("SLACK_TOKEN", from: "johari-mirror, Kubernetes Pod Monitor", secret: true, "destination `slack` (`type: slack`) with this token"),
        EnvironmentVariable("SLACK_TOKEN_FILE", from: "Muninn", secret: true, "`SLACK_TOKEN` read from this file"),
        EnvironmentVariable(
            "SLACK_NOTIFICATION_CONFIG", from: "johari-mirror", "`containerRoutes` bound to `slack`, and `alerts.restartThrottle: true`"),
        EnvironmentVariable("SLACK_API_URL", from: "Muninn", "`slack`'s `apiURL`"),
        EnvironmentVariable("SLACK_CHANNEL", from: "Kubernetes Pod Monitor", "`slack`'s `defaultChannel`; every alert goes to it"),
        EnvironmentVariable("SLACK_NOTIFY", from: "Kubernetes Pod Monitor", "`false`: no `slack` destination"),
        EnvironmentVariable("CLUSTER_NAME", from: "Kubernetes Pod Monitor", "`cluster.name`"),
        EnvironmentVariable("MAX_CRASHLOG_LENGTH", from: "Kubernetes Pod Monitor", "`alerts.logs.maxBytes` (and `elasticsearch`'s `maximumLogBytes`)"),
        EnvironmentVariable("CHECK_INTERVAL", from: "Kubernetes Pod Monitor", "validated only: Muninn watches instead of polling"),
        EnvironmentVariable("DINGTALK_TOKEN", from: "kube-dingtalk", secret: true, "destination `dingtalk`: the access_token or the whole webhook URL"),
        EnvironmentVariable("DINGTALK_TOKEN_FILE", from: "Muninn", secret: true, "`DINGTALK_TOKEN` read from this file"),
        EnvironmentVariable("DINGTALK_SECRET", from: "Muninn", secret: true, "`dingtalk`'s signing secret"),
        EnvironmentVariable("DINGTALK_SECRET_FILE", from: "Muninn", secret: true, "`DINGTALK_SECRET` read from this file"),
        EnvironmentVariable("FLOOD_EXPIRE", from: "kube-dingtalk", "`alerts.flood.expiry` (milliseconds)"),
        EnvironmentVariable("NOT_READY_MIN_TIME", from: "kube-dingtalk", "`alerts.notReadyAfter` (milliseconds)"),
        EnvironmentVariable("TICK_RATE", from: "kube-dingtalk", "validated only: Muninn watches instead of polling"),
        EnvironmentVariable("RECOVERY_ALERT", from: "kube-slack, kube-dingtalk", "`alerts.recovery` (on by default with `DINGTALK_TOKEN`)"),
        EnvironmentVariable("KUBE_NAMESPACES_ONLY", from: "kube-dingtalk", "`watch.namespaces` and `namespaces.include`: a comma list or a JSON array"),
        EnvironmentVariable("KUBE_USE_KUBECONFIG", from: "kube-dingtalk", "true/false, validated"),
        EnvironmentVariable("KUBE_USE_CLUSTER", from: "kube-dingtalk", "true/false, validated"),
        EnvironmentVariable("ELASTICSEARCH_URL", from: "Kubernetes Pod Monitor", "destination `elasticsearch`'s `url`"),
        EnvironmentVariable("ELASTICSEARCH_SCHEME", from: "Kubernetes Pod Monitor", "added to `ELASTICSEARCH_URL` when it has none (default `http`)"),
        EnvironmentVariable("ELASTICSEARCH_PORT", from: "Kubernetes Pod Monitor", "added to `ELASTICSEARCH_URL` when it has no port"),
        EnvironmentVariable("ELASTICSEARCH_INDEX", from: "Kubernetes Pod Monitor", "`elasticsearch`'s `indexPrefix`, without the trailing `-`"),
        EnvironmentVariable("ELASTICSEARCH_USERNAME", from: "Muninn", "`elasticsearch`'s basic auth user"),
        EnvironmentVariable("ELASTICSEARCH_PASSWORD", from: "Muninn", secret: true, "`elasticsearch`'s basic auth password"),
        EnvironmentVariable("ELASTICSEARCH_PASSWORD_FILE", from: "Muninn", secret: true, "`ELASTICSEARCH_PASSWORD` read from this file"),
    ]

    static let kwatchman: [EnvironmentVariable] = [
        EnvironmentVariable("KW_CONFIG_FILE", from: "kwatchman", "`changes.kwatchmanConfig`: its configuration file, read unchanged"),
        EnvironmentVariable("KW_NAMESPACE", from: "kwatchman", "the namespace of every resource of that file"),
        EnvironmentVariable("KW_LABEL_SELECTOR", from: "kwatchman", "the label selector of every resource of that file"),
        EnvironmentVariable("KW_KUBECONFIG", from: "kwatchman", "`kubernetes.kubeconfig` (below the file and flags)"),
    ]

    static let kubernetes: [EnvironmentVariable] = [
        EnvironmentVariable("KUBECONFIG", from: "Kubernetes", "kubeconfig files, `:`-separated, merged as kubectl does"),
        EnvironmentVariable("POD_NAME", from: "Kubernetes", "default of `leaderElection.identity` (downward API)"),
        EnvironmentVariable("POD_NAMESPACE", from: "Kubernetes", "default of `leaderElection.namespace` (downward API)"),
    ]
}
