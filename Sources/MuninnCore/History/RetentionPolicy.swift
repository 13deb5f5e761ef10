/// How much history to keep. Both limits apply; nil means no limit of that kind.
public struct RetentionPolicy: Sendable, Hashable {
    /// Incidents that occurred longer ago than this are removed.
    public var maximumAge: Duration?
    /// The stored incident records (their JSON, logs included) are kept under this many bytes by removing
    /// the oldest. The file is larger: the search index and SQLite's free pages are not counted.
    public var maximumBytes: Int?

    public init(maximumAge: Duration? = nil, maximumBytes: Int? = nil) {
        self.maximumAge = maximumAge
        self.maximumBytes = maximumBytes
    }
}
