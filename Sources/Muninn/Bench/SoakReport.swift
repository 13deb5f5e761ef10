/// What one `muninn soak` run saw; written as JSON with `--json` and rendered as a table.
struct SoakReport: Codable, Sendable {
    /// The Muninn process and the sink at one moment of the churn.
    struct Sample: Codable, Sendable {
        /// Since the churn started.
        var seconds: Double
        var process: ProcessResources
        /// The SQLite store's files (database, WAL, shared memory), bytes.
        var storeBytes: Int
        /// Pods that exist in the cluster (running, starting or terminating).
        var pods: Int
        var crashesWritten: Int
        /// Distinct crash alerts at the sink (the end of the report matches them with the crashes, pod by pod).
        var crashAlertsDelivered: Int
        /// Alert requests beyond the first for the same alert id.
        var duplicatedAlerts: Int
        var changesMade: Int
        var changesDelivered: Int
        /// `muninn_watch_events_total` from the dashboard's /metrics (nil when it could not be read).
        var watchEvents: Int?
        /// `muninn_watch_relists_total`: full lists after the first (an expired watch).
        var relists: Int?
    }

    /// Expected against delivered at the sink, after the churn and the wait for the last deliveries.
    struct Delivery: Codable, Sendable {
        var expected: Int
        /// Distinct messages that match an expected one.
        var delivered: Int
        /// Expected but never arrived.
        var lost: Int
        /// Requests beyond the first for the same message id.
        var duplicated: Int
        /// Distinct messages nobody expected (a crash alert for a pod more often than it crashed).
        var unexpected: Int
    }

    var pods: Int
    var namespaces: Int
    var plan: SoakPlan
    var machine: BenchReport.Machine
    var command: String
    var startedAt: String
    /// Where the store was (its file system decides what an fsync costs).
    var storePath: String
    /// From the Muninn process's start to its first pod list in sync.
    var syncSeconds: Double?
    var samples: [Sample] = []
    /// After the churn stopped and the last alerts arrived.
    var end: Sample?
    var churn: SoakChurn.Totals?
    var alerts: Delivery?
    /// Alerts of other kinds than crashes (not-ready, cannot start), by kind; none is expected.
    var otherAlerts: [String: Int] = [:]
    var changes: Delivery?
    var verdicts: [GrowthVerdict] = []
    /// Dashboard requests (/healthz and /metrics, one of each per sample) that failed.
    var dashboardFailures = 0
    /// `muninn run`'s exit status after SIGTERM (0: a clean, drained shutdown).
    var muninnExitStatus: Int32?
    var error: String?

}
