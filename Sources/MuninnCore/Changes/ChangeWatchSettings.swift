/// The change watch as configured: what to watch and the chain every change runs through.
public struct ChangeWatchSettings: Sendable, Hashable {
    public var resources: [WatchedResource]
    public var chain: [ChangeHandlerSpec]
    /// How many times the chain runs for one change before it is given up (1 + retries; kwatchman: 4).
    public var attempts: Int
    /// A crash of a workload that changed at most this long before says so and carries the diff.
    public var crashLinkWindowSeconds: Int
    /// How long a graceful shutdown lets a change already in the chain finish before cutting it off (then it is
    /// reported again at the next start). Keep it below the pod's `terminationGracePeriodSeconds` (30 by default).
    public var drainTimeoutSeconds: Int

    public init(
        resources: [WatchedResource] = [], chain: [ChangeHandlerSpec] = [], attempts: Int = 4, crashLinkWindowSeconds: Int = 1800,
        drainTimeoutSeconds: Int = 10
    ) {
        self.resources = resources
        self.chain = chain
        self.attempts = attempts
        self.crashLinkWindowSeconds = crashLinkWindowSeconds
        self.drainTimeoutSeconds = drainTimeoutSeconds
    }
}
