import Foundation

/// Incidents over time for the chart: one bucket per UTC hour or day, each split by reason. Buckets
/// without incidents between the first and the last (or the query's range, when it has one) are present,
/// with no counts, so a chart's time axis has no holes.
public struct IncidentBuckets: Sendable, Hashable {
    public var size: Size
    /// Oldest first.
    public var buckets: [Bucket]
    /// Every reason over the whole range, most frequent first: the chart's legend.
    public var reasons: [ReasonCount]

    public init(size: Size, buckets: [Bucket], reasons: [ReasonCount]) {
        self.size = size
        self.buckets = buckets
        self.reasons = reasons
    }

    public var total: Int { reasons.reduce(0) { $0 + $1.count } }
}
