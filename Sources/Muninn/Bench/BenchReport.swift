/// What one `muninn bench` run measured; written as JSON with `--json` and rendered as a table.
struct BenchReport: Codable, Sendable {
    struct Machine: Codable, Sendable {
        var cpuModel: String
        var cores: Int
        var memoryBytes: Int
        var loadAverage: String
    }

    /// The Muninn process (`muninn bench-watch`): the real pipeline over HTTP.
    struct Muninn: Codable, Sendable {
        /// From the process's start to the end of the paginated list (the `.synced` event).
        var syncSeconds: Double
        var syncMegabytesPerSecond: Double?
        var watchEvents: Int
        var watchSeconds: Double
        var watchEventsPerSecond: Double
        var watchMegabytesPerSecond: Double?
        var cpuSecondsPer1000Events: Double
        var cpuSecondsSync: Double
        /// VmHWM after the initial list.
        var peakRSSAfterSyncBytes: Int
        /// VmRSS a few seconds after the list, idle.
        var idleRSSBytes: Int
        /// VmRSS after the watch phase.
        var rssAfterWatchBytes: Int
        /// VmHWM at the end of the run.
        var peakRSSBytes: Int
        var rssEndBytes: Int
        var idleBytesPerPod: Double
        var sustained: AlertLatency?
        var burst: AlertLatency?
    }

    struct AlertLatency: Codable, Sendable {
        /// Crashes written.
        var crashes: Int
        /// Per second, for a sustained run; nil for a burst.
        var rate: Double?
        var delivered: Int
        var latency: LatencySummary?
        /// From the first crash written to the first alert received.
        var firstAlertSeconds: Double?
        /// From the first crash written to the last alert received.
        var allDeliveredSeconds: Double?
        /// Muninn's CPU time (user + system) from the first crash written until the process is idle again after the
        /// last alert (so work left for later, like the search index, counts too), divided by the alerts delivered.
        var cpuMillisecondsPerAlert: Double?
    }

    /// A peer client on the same served bytes; `status` is "ok", "not installed", "skipped: …" or "failed: …".
    struct Peer: Codable, Sendable {
        var name: String
        var status: String
        var seconds: Double?
        var megabytesPerSecond: Double?
        var eventsPerSecond: Double?
        var peakRSSBytes: Int?
        var cpuSeconds: Double?
        /// Muninn's speed divided by the peer's (above 1: Muninn is faster).
        var muninnSpeedup: Double?
    }

    var pods: Int
    var namespaces: Int
    var podJSONBytesAverage: Int
    var listBytes: Int
    var machine: Machine
    var command: String
    var startedAt: String
    var muninn: Muninn?
    var muninnError: String?
    var listPeers: [Peer] = []
    var watchPeers: [Peer] = []
}
