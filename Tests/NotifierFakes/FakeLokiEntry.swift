/// One log line the fake Loki stored.
public struct FakeLokiEntry: Sendable, Equatable {
    /// Nanoseconds since the epoch.
    public var timestamp: Int64
    public var line: String
    public var metadata: [String: String]
}
