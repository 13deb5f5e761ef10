extension AlertEnricher {
    /// How much enrichment reads, and how long it waits for each read.
    public struct Configuration: Sendable, Hashable {
        /// Log lines asked for (johari-mirror fetches the last 500).
        public var tailLines: Int
        /// The most log bytes kept in an alert; asked of the server as `limitBytes` and enforced again here.
        public var maximumLogBytes: Int
        /// The most recent pod Events kept.
        public var eventCount: Int
        /// How long one read (logs, events, owner chain, node) may take before the alert goes out without it.
        public var readTimeout: Duration
        /// The cluster name shown in alerts.
        public var clusterName: String

        public init(
            tailLines: Int = 500, maximumLogBytes: Int = 128 * 1024, eventCount: Int = 10, readTimeout: Duration = .seconds(10),
            clusterName: String = ""
        ) {
            self.tailLines = max(1, tailLines)
            self.maximumLogBytes = max(1, maximumLogBytes)
            self.eventCount = max(0, eventCount)
            self.readTimeout = readTimeout
            self.clusterName = clusterName
        }
    }
}
