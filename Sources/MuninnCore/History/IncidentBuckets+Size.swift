extension IncidentBuckets {
    /// How long one bucket is; buckets start on UTC hours or UTC midnights.
    public enum Size: String, Sendable, Hashable, CaseIterable {
        case hour, day

        public var milliseconds: Int64 {
            switch self {
            case .hour: 3_600_000
            case .day: 86_400_000
            }
        }
    }
}
