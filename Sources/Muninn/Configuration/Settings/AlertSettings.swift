import MuninnCore

/// `alerts:`: what is reported and how repeats are held back. The defaults are quiet: failures only,
/// no recoveries, no flood of existing problems on a first start.
struct AlertSettings: Equatable {
    struct Flood: Equatable {
        /// Zero turns flood control off.
        var expiry: Duration = .seconds(60)
        var window: FloodControl.Window = .sliding
    }

    struct Threading: Equatable {
        /// Later crashes of the same container reply in the first message's thread.
        var enabled: Bool = true
        /// How long after the thread's first message a crash still joins it.
        var window: Duration = .seconds(24 * 3600)
    }

    struct Logs: Equatable {
        /// Log lines asked of the cluster (johari-mirror: 500).
        var tailLines: Int = 500
        /// The most log bytes kept in an alert.
        var maxBytes: Int = 128 * 1024
    }

    /// kube-slack's `NOT_READY_MIN_TIME`; nil turns not-ready alerts off.
    var notReadyAfter: Duration? = .seconds(60)
    var recovery: Bool = false
    var reportExistingOnStart: Bool = false
    var reportDeletionKills: Bool = false
    var flood = Flood()
    /// johari-mirror's restart throttle: restarts 1 to 10, then every 24th.
    var restartThrottle: Bool = false
    var threading = Threading()
    var logs = Logs()
    /// Regular expressions whose matches in logs and messages are replaced by `[REDACTED]` before anything
    /// leaves the cluster, on top of the built-in ones (bearer tokens, AWS keys, private keys, ...).
    var redactPatterns: [String] = []

    /// The detector's settings these imply.
    var detectorConfiguration: CrashDetector.Configuration {
        CrashDetector.Configuration(
            notReadyThreshold: notReadyAfter.map(Self.seconds), reportRecovery: recovery, reportDeletionKills: reportDeletionKills,
            reportExistingOnStart: reportExistingOnStart)
    }

    /// The enricher's settings these imply.
    func enricherConfiguration(clusterName: String) -> AlertEnricher.Configuration {
        AlertEnricher.Configuration(tailLines: logs.tailLines, maximumLogBytes: logs.maxBytes, clusterName: clusterName)
    }

    /// Flood control as configured, or nil when it is off.
    var floodControl: FloodControl? {
        flood.expiry > .zero ? FloodControl(expiry: Self.seconds(flood.expiry), window: flood.window) : nil
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
