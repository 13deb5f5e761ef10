import KubeAPI
import MuninnCore
import MuninnPostgres
import MuninnNotifiers

/// Reads `alerts:`, `store:`, `delivery:` and `leaderElection:` over the values already set (defaults or the environment).
enum SettingsParser {
    static func alerts(_ node: YAMLConfigNode, over base: AlertSettings) throws -> AlertSettings {
        var settings = base
        let members = try node.mapping(allowedKeys: [
            "notReadyAfter", "recovery", "reportExistingOnStart", "reportDeletionKills", "flood", "restartThrottle", "threading", "logs",
            "redact",
        ])
        if let value = members["notReadyAfter"] { settings.notReadyAfter = try value.optionalDuration() }
        if let value = members["recovery"] { settings.recovery = try value.bool() }
        if let value = members["redact"] {
            let patterns = try value.stringList()
            do {
                _ = try LogRedactor(extraPatterns: patterns)
            } catch {
                let node = (try? value.elements()).flatMap { $0.indices.contains(error.index) ? $0[error.index] : nil } ?? value
                throw node.error("\(error)")
            }
            settings.redactPatterns = patterns
        }
        if let value = members["reportExistingOnStart"] { settings.reportExistingOnStart = try value.bool() }
        if let value = members["reportDeletionKills"] { settings.reportDeletionKills = try value.bool() }
        if let value = members["restartThrottle"] { settings.restartThrottle = try value.bool() }
        if let flood = try members["flood"]?.mapping(allowedKeys: ["expiry", "window"]) {
            if let value = flood["expiry"] { settings.flood.expiry = try value.optionalDuration() ?? .zero }
            if let value = flood["window"] {
                let text = try value.string()
                guard let window = FloodControl.Window(rawValue: text.lowercased()) else {
                    throw value.error("unknown window '\(text)' (allowed: sliding, fixed)")
                }
                settings.flood.window = window
            }
        }
        if let threading = try members["threading"]?.mapping(allowedKeys: ["enabled", "window"]) {
            if let value = threading["enabled"] { settings.threading.enabled = try value.bool() }
            if let value = threading["window"] { settings.threading.window = try positive(value) }
        }
        if let logs = try members["logs"]?.mapping(allowedKeys: ["tailLines", "maxBytes"]) {
            if let value = logs["tailLines"] { settings.logs.tailLines = try value.int(in: 1...100_000) }
            if let value = logs["maxBytes"] { settings.logs.maxBytes = try value.int(in: 1...(64 * 1024 * 1024)) }
        }
        return settings
    }

    static func store(_ node: YAMLConfigNode, over base: StoreSettings, secrets: SecretReader) throws -> StoreSettings {
        var settings = base
        let members = try node.mapping(allowedKeys: ["path", "dsn", "dsnFile", "retention"])
        if let value = members["path"] { settings.path = try value.nonEmptyString() }
        if let dsn = try secrets.secret("dsn", in: members, owner: node, required: false) {
            do {
                _ = try PostgresDSN(parsing: dsn.value)
            } catch {
                throw (members["dsn"] ?? members["dsnFile"] ?? node).error("\(error)")
            }
            settings.postgresDSN = dsn
        }
        if let retention = try members["retention"]?.mapping(allowedKeys: ["maxAge", "maxBytes"]) {
            if let value = retention["maxAge"] { settings.retentionMaxAge = try value.optionalDuration() }
            if let value = retention["maxBytes"] {
                let bytes = try value.int(in: 0...Int.max)
                settings.retentionMaxBytes = bytes == 0 ? nil : bytes
            }
        }
        return settings
    }

    static func delivery(_ node: YAMLConfigNode, over base: DeliverySettings) throws -> DeliverySettings {
        var settings = base
        let members = try node.mapping(allowedKeys: ["maxAge", "retry", "drainTimeout"])
        if let value = members["maxAge"] { settings.maxAge = try positive(value) }
        if let value = members["drainTimeout"] { settings.drainTimeout = try value.optionalDuration() ?? .zero }
        if let retryNode = members["retry"] {
            let retry = try retryNode.mapping(allowedKeys: ["initial", "max"])
            if let value = retry["initial"] { settings.initialRetry = try positive(value) }
            if let value = retry["max"] { settings.maxRetry = try positive(value) }
            if settings.maxRetry < settings.initialRetry {
                throw (retry["max"] ?? retryNode).error("max (\(ConfigDuration.text(settings.maxRetry))) is shorter than initial (\(ConfigDuration.text(settings.initialRetry)))")
            }
        }
        return settings
    }

    static func leaderElection(_ node: YAMLConfigNode, over base: LeaderElectionSettings) throws -> LeaderElectionSettings {
        var settings = base
        let members = try node.mapping(allowedKeys: [
            "enabled", "namespace", "leaseName", "identity", "leaseDuration", "renewDeadline", "retryPeriod", "releaseOnShutdown",
        ])
        if let value = members["enabled"] { settings.enabled = try value.bool() }
        if let value = members["namespace"] { settings.namespace = try value.nonEmptyString() }
        if let value = members["leaseName"] { settings.leaseName = try value.nonEmptyString() }
        if let value = members["identity"] { settings.identity = try value.nonEmptyString() }
        if let value = members["leaseDuration"] { settings.leaseDuration = try positive(value) }
        if let value = members["renewDeadline"] { settings.renewDeadline = try positive(value) }
        if let value = members["retryPeriod"] { settings.retryPeriod = try positive(value) }
        if let value = members["releaseOnShutdown"] { settings.releaseOnShutdown = try value.bool() }
        let timing = LeaderElectionConfig(
            namespace: "n", leaseName: "n", identity: "n", leaseDuration: settings.leaseDuration, renewDeadline: settings.renewDeadline,
            retryPeriod: settings.retryPeriod)
        if let problem = timing.problem {
            throw (members["renewDeadline"] ?? members["leaseDuration"] ?? members["retryPeriod"] ?? node).error(problem)
        }
        return settings
    }

    private static func positive(_ node: YAMLConfigNode) throws -> Duration {
        let value = try node.duration()
        guard value > .zero else { throw node.error("must be longer than zero") }
        return value
    }
}
