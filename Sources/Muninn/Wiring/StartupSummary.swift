import KubeAPI
import Logging
import MuninnCore
import MuninnPostgres

/// What `muninn run` logs once at start-up, so an operator reading the first lines of a pod's log knows what this
/// process watches and where it sends: the cluster and how it was reached, the namespaces and kinds, the
/// destinations, the store, the dashboard and leader election. Never a secret: destinations by name and type, the
/// PostgreSQL DSN without its password, the dashboard's authentication by kind.
struct StartupSummary {
    var configuration: MuninnConfiguration
    /// The API server and where its settings came from (`kubeconfig /path, context prod` or `in-cluster`).
    var server: String
    var origin: String

    init(configuration: MuninnConfiguration, kubeConfig: KubeConfig) {
        self.configuration = configuration
        self.server = kubeConfig.server
        self.origin = kubeConfig.origin
    }

    /// One structured line: JSON fields in a cluster, `key=value` pairs on a terminal.
    var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = [
            "cluster": "\(configuration.clusterName)",
            "server": "\(server)",
            "context": "\(origin)",
            "namespaces": "\(namespaces)",
            "kinds": "\(kinds.joined(separator: ","))",
            "destinations": "\(destinations)",
            "store": "\(store)",
            "dashboard": "\(dashboard)",
            "leader_election": "\(configuration.leaderElection.enabled ? "on" : "off")",
            "drain_timeout": "\(ConfigDuration.text(configuration.delivery.drainTimeout))",
        ]
        if let selector = configuration.labelSelector { metadata["label_selector"] = "\(selector)" }
        if let selector = configuration.fieldSelector { metadata["field_selector"] = "\(selector)" }
        return metadata
    }

    func log(to logger: Logger) {
        logger.info("starting", metadata: metadata)
    }

    var namespaces: String {
        configuration.namespaces.isEmpty ? "all" : configuration.namespaces.joined(separator: ",")
    }

    /// Pods always; the change watch's kinds as configured.
    var kinds: [String] {
        ["pods"] + (configuration.changes?.settings.resources.map(\.name) ?? [])
    }

    var destinations: String {
        configuration.destinations.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: ", ")
    }

    var store: String {
        guard let dsn = configuration.store.postgresDSN else { return "sqlite \(configuration.store.path)" }
        // The DSN was validated at load time; its description has no password.
        return "postgresql " + ((try? PostgresDSN(parsing: dsn.value).description) ?? "(unreadable DSN)")
    }

    var dashboard: String {
        let settings = configuration.dashboard
        guard settings.enabled else { return "off" }
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        let auth: String
        switch settings.auth {
        case .none: auth = "no authentication"
        case .bearerToken: auth = "bearer token"
        case .basic(let username, _): auth = "basic auth as \(username)"
        }
        return "http://\(host):\(settings.port)/ (\(auth))"
    }
}
