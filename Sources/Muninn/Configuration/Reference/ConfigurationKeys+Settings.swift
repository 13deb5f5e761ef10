extension ConfigurationKeys {
    static let alerts: [ConfigurationKey] = [
        ConfigurationKey("alerts", "what is reported and how repeats are held back"),
        ConfigurationKey(
            "alerts.notReadyAfter", default: "60s", environment: ["NOT_READY_MIN_TIME"],
            "pods not Ready this long are reported; `off` disables not-ready alerts"),
        ConfigurationKey(
            "alerts.recovery", default: "false", environment: ["RECOVERY_ALERT"], "also send \"running again\" / \"ready again\" messages"),
        ConfigurationKey("alerts.reportExistingOnStart", default: "false", "on a first start, report problems that already exist"),
        ConfigurationKey("alerts.reportDeletionKills", default: "false", "report containers killed by a pod deletion or a rollout"),
        ConfigurationKey("alerts.flood", "flood control, per workload + container + reason"),
        ConfigurationKey("alerts.flood.expiry", default: "60s", environment: ["FLOOD_EXPIRE"], "how long a repeat is held back; `0` disables"),
        ConfigurationKey("alerts.flood.window", default: "sliding", "`sliding` (kube-slack: quiet for `expiry` before it is announced again) or `fixed`"),
        ConfigurationKey(
            "alerts.restartThrottle", default: "false", environment: ["SLACK_NOTIFICATION_CONFIG"],
            "johari-mirror's throttle: restarts 1-10, then every 24th"),
        ConfigurationKey("alerts.redact", default: "none", "extra regular expressions whose matches are replaced by `[REDACTED]`, on top of the built-in ones"),
        ConfigurationKey("alerts.threading", "crash-loop threads"),
        ConfigurationKey("alerts.threading.enabled", default: "true", "later crashes of a container reply in its first message's thread"),
        ConfigurationKey("alerts.threading.window", default: "24h", "how long after the first message a crash still joins its thread"),
        ConfigurationKey("alerts.logs", "the container log attached to an alert"),
        ConfigurationKey("alerts.logs.tailLines", default: "500", "log lines asked of the cluster"),
        ConfigurationKey("alerts.logs.maxBytes", default: "131072", environment: ["MAX_CRASHLOG_LENGTH"], "log bytes kept per alert"),
    ]

    static let storeAndDelivery: [ConfigurationKey] = [
        ConfigurationKey("store", "where the outbox, the detector's memory and the history live"),
        ConfigurationKey(
            "store.path", default: "muninn.db", environment: ["MUNINN_STORE_PATH"],
            "the SQLite file; in a pod put it on a volume (`/var/lib/muninn/muninn.db`)"),
    ] + ConfigurationKey.secretPair(
        "store.dsn", environment: ["MUNINN_STORE_DSN"], required: false, "a PostgreSQL DSN: the store lives there instead of the SQLite file"
    ) + [
        ConfigurationKey("store.retention", "pruning of the history (hourly)"),
        ConfigurationKey("store.retention.maxAge", default: "720h", "incidents older than this are pruned; `off` keeps them"),
        ConfigurationKey("store.retention.maxBytes", default: "1073741824", "the oldest incidents beyond this many bytes are pruned; `0` lifts the cap"),
        ConfigurationKey("delivery", "how the outbox sends"),
        ConfigurationKey("delivery.maxAge", default: "6h", "a delivery still failing this long after its alert was queued is recorded as failed"),
        ConfigurationKey("delivery.retry", "back-off between attempts"),
        ConfigurationKey("delivery.retry.initial", default: "2s", "the first retry's wait, doubled each time"),
        ConfigurationKey("delivery.retry.max", default: "5m", "the longest wait between attempts"),
        ConfigurationKey(
            "delivery.drainTimeout", default: "25s",
            "on SIGTERM, keep delivering what is queued this long (under the pod's 30 s grace period); `0` stops at once"),
    ]

    static let dashboard: [ConfigurationKey] = [
        ConfigurationKey("dashboard", "the dashboard, JSON API, `/healthz`, `/readyz` and `/metrics`"),
        ConfigurationKey("dashboard.enabled", default: "true", "serve it"),
        ConfigurationKey(
            "dashboard.listen", default: "127.0.0.1:8080", "host:port; an address other than loopback requires `auth`; port 0 picks a free port"),
        ConfigurationKey("dashboard.auth", default: "none", "who may read it"),
        ConfigurationKey("dashboard.externalURL", "the dashboard's address as users reach it; fills `{{dashboardURL}}` in message templates"),
        ConfigurationKey("dashboard.auth.bearerTokenFile", secret: true, "file holding the token of `Authorization: Bearer <token>`"),
        ConfigurationKey("dashboard.auth.basicAuth", "HTTP basic authentication instead of a bearer token"),
        ConfigurationKey("dashboard.auth.basicAuth.username", default: "required", "the user name"),
        ConfigurationKey("dashboard.auth.basicAuth.passwordFile", default: "required", secret: true, "file holding the password"),
    ]

    static let leaderElection: [ConfigurationKey] = [
        ConfigurationKey("leaderElection", "several replicas, one leader on a coordination.k8s.io/v1 Lease"),
        ConfigurationKey("leaderElection.enabled", default: "false", environment: ["MUNINN_LEADER_ELECTION"], "elect a leader; only it detects and delivers"),
        ConfigurationKey(
            "leaderElection.namespace", default: "`POD_NAMESPACE`, the service account's namespace, then `default`", environment: ["POD_NAMESPACE"],
            "the Lease's namespace"),
        ConfigurationKey("leaderElection.leaseName", default: "muninn", "the Lease's name"),
        ConfigurationKey(
            "leaderElection.identity", default: "`POD_NAME` (else the host name) + a random suffix", environment: ["POD_NAME"],
            "this replica's holder identity"),
        ConfigurationKey("leaderElection.leaseDuration", default: "15s", "must be > renewDeadline > 1.2 x retryPeriod (client-go's rule)"),
        ConfigurationKey("leaderElection.renewDeadline", default: "10s", "the leader gives up if it cannot renew for this long"),
        ConfigurationKey("leaderElection.retryPeriod", default: "2s", "how often candidates try and the leader renews"),
        ConfigurationKey("leaderElection.releaseOnShutdown", default: "true", "clear the Lease on a clean stop so another replica takes over at once"),
    ]
}
