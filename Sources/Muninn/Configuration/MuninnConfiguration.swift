import MuninnNotifiers
import Foundation
import MuninnPostgres
import Logging
import MuninnCore

/// Everything `muninn run` needs to know, read once at start-up and validated before Muninn
/// touches the cluster. Precedence: command-line flags, then `MUNINN_*` environment variables,
/// then the YAML file (`--config`), then these defaults.
struct MuninnConfiguration: Equatable {
    /// `auto` is text on a terminal and JSON otherwise (a pod's log goes to a collector).
    enum LogFormat: String, CaseIterable { case text, json, auto }

    /// Shown in every alert so people with several clusters know which one is speaking.
    var clusterName: String = "default"
    /// Path of a kubeconfig; nil means `KUBECONFIG`, `~/.kube/config`, then the in-cluster service account.
    var kubeconfig: String?
    /// A kubeconfig context other than its `current-context`.
    var context: String?
    /// Namespaces to watch; empty means all.
    var namespaces: [String] = []
    var labelSelector: String?
    var fieldSelector: String?
    var logLevel: Logger.Level = .info
    var logFormat: LogFormat = .auto
    /// The replaced tools' environment variables, when a deployment still sets them.
    var seed = SeedEnvironment()
    /// Named destination instances; never empty after loading (a `console` one when none is configured).
    var destinations: [DestinationConfiguration] = [Self.consoleDestination]
    /// Where each alert goes; see docs/routing.md.
    var routing = RoutingRules(
        destinations: [RoutingDestination(name: "console", acceptsChannel: false)], defaultDestinations: [RouteTarget(destination: "console")])
    var alerts = AlertSettings()
    var store = StoreSettings()
    var delivery = DeliverySettings()
    var dashboard = DashboardSettings()
    var leaderElection = LeaderElectionSettings()
    /// The change watch (`changes:`, a kwatchman file, or `KW_CONFIG_FILE`); nil when not configured.
    var changes: ChangeWatchConfiguration?
    /// kwatchman's `KW_*` variables, as read.
    var kwatchman = KwatchmanEnvironment()

    /// The keys of the YAML file, documented in docs/configuration.md.
    static let topLevelKeys = [
        "cluster", "kubernetes", "watch", "log", "destinations", "routes", "containerRoutes", "mutes", "namespaces", "alerts", "store",
        "delivery", "dashboard", "leaderElection", "changes",
    ]

    static let consoleDestination = DestinationConfiguration(name: "console", settings: .console(format: .json))
}

extension MuninnConfiguration {
    /// Reads a YAML configuration file over `base` (the defaults, or what the seeds' environment set).
    static func load(file: String, over base: MuninnConfiguration = MuninnConfiguration()) throws -> MuninnConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: file, line: nil, key: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, file: file, over: base)
    }

    static func parse(_ text: String, file: String, over base: MuninnConfiguration = MuninnConfiguration()) throws -> MuninnConfiguration {
        var configuration = base
        let root = try YAMLConfigNode.parse(text, file: file).mapping(allowedKeys: topLevelKeys)
        try configuration.parseRouting(root, file: file)
        try configuration.parseChanges(root, file: file)
        if let node = root["dashboard"] {
            let secrets = SecretReader(baseDirectory: file == "-" ? nil : URL(fileURLWithPath: file).deletingLastPathComponent().path)
            configuration.dashboard = try DashboardSettingsParser(secrets: secrets).parse(node, over: configuration.dashboard)
        }

        if let node = root["leaderElection"] {
            configuration.leaderElection = try SettingsParser.leaderElection(node, over: configuration.leaderElection)
        }
        if let cluster = try root["cluster"]?.mapping(allowedKeys: ["name"]), let nameNode = cluster["name"] {
            let name = try nameNode.string()
            guard !name.isEmpty else { throw nameNode.error("must not be empty") }
            configuration.clusterName = name
        }
        if let kubernetes = try root["kubernetes"]?.mapping(allowedKeys: ["kubeconfig", "context"]) {
            configuration.kubeconfig = try kubernetes["kubeconfig"]?.string()
            configuration.context = try kubernetes["context"]?.string()
        }
        if let watch = try root["watch"]?.mapping(allowedKeys: ["namespaces", "labelSelector", "fieldSelector"]) {
            if let namespaces = watch["namespaces"] { configuration.namespaces = try namespaces.stringList() }
            configuration.labelSelector = try watch["labelSelector"]?.string()
            configuration.fieldSelector = try watch["fieldSelector"]?.string()
        }
        if let log = try root["log"]?.mapping(allowedKeys: ["level", "format"]) {
            if let levelNode = log["level"] {
                configuration.logLevel = try parseLevel(levelNode.string(), node: levelNode)
            }
            if let formatNode = log["format"] {
                let raw = try formatNode.string()
                guard let format = LogFormat(rawValue: raw) else {
                    throw formatNode.error("unknown format '\(raw)' (allowed: \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                configuration.logFormat = format
            }
        }
        // Templates link to the incident's dashboard page when people can reach the dashboard.
        if let url = configuration.dashboard.externalURL {
            for index in configuration.destinations.indices { configuration.destinations[index].templates.dashboardURL = url }
        }
        return configuration
    }

    /// Starts from the replaced tools' variables (`CLUSTER_NAME`, `KUBE_NAMESPACES_ONLY`, ...), so
    /// their deployments work unchanged; a Muninn file, `MUNINN_*` variables and flags override them.
    /// The mapping of each variable is in docs/configuration.md.
    mutating func applySeedEnvironment(_ environment: [String: String]) throws {
        seed = try SeedEnvironment(environment)
        try seed.apply(to: &self)
    }

    /// Applies `MUNINN_*` environment variables over the file's values.
    mutating func applyEnvironment(_ environment: [String: String]) throws {
        if let name = environment["MUNINN_CLUSTER_NAME"], !name.isEmpty { clusterName = name }
        if let path = environment["MUNINN_STORE_PATH"]?.trimmingCharacters(in: .whitespaces), !path.isEmpty { store.path = path }
        if let dsn = environment["MUNINN_STORE_DSN"]?.trimmingCharacters(in: .whitespaces), !dsn.isEmpty {
            do {
                _ = try PostgresDSN(parsing: dsn)
            } catch {
                throw ConfigurationError(file: "environment", line: nil, key: "MUNINN_STORE_DSN", message: "\(error)")
            }
            store.postgresDSN = SecretValue(value: dsn, source: .environment("MUNINN_STORE_DSN"))
        }
        if let raw = environment["MUNINN_LEADER_ELECTION"], !raw.isEmpty {
            switch raw.lowercased() {
            case "true", "1", "yes": leaderElection.enabled = true
            case "false", "0", "no": leaderElection.enabled = false
            default:
                throw ConfigurationError(file: "environment", line: nil, key: "MUNINN_LEADER_ELECTION", message: "expected true or false, got '\(raw)'")
            }
        }
        if let namespaces = environment["MUNINN_NAMESPACES"] {
            self.namespaces = namespaces.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let level = environment["MUNINN_LOG_LEVEL"], !level.isEmpty {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError(file: "environment", line: nil, key: "MUNINN_LOG_LEVEL", message: Self.levelMessage(level))
            }
            logLevel = parsed
        }
        if let format = environment["MUNINN_LOG_FORMAT"], !format.isEmpty {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw ConfigurationError(file: "environment", line: nil, key: "MUNINN_LOG_FORMAT", message: "unknown format '\(format)' (allowed: text, json, auto)")
            }
            logFormat = parsed
        }
    }

    private static func parseLevel(_ raw: String, node: YAMLConfigNode) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: raw.lowercased()) else { throw node.error(levelMessage(raw)) }
        return level
    }

    private static func levelMessage(_ raw: String) -> String {
        "unknown level '\(raw)' (allowed: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")))"
    }
}
