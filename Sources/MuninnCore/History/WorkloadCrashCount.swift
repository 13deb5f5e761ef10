import Foundation

/// One workload's incidents: how many, of which reasons, and the latest.
public struct WorkloadCrashCount: Sendable, Equatable {
    public var cluster: String
    public var namespace: String
    /// The owning workload; a pod without one (or not enriched yet) stands for itself, as kind `Pod`.
    public var workload: Alert.Workload
    public var count: Int
    public var lastOccurredAt: Date
    /// Most frequent first.
    public var reasons: [ReasonCount]

    public init(cluster: String, namespace: String, workload: Alert.Workload, count: Int, lastOccurredAt: Date, reasons: [ReasonCount]) {
        self.cluster = cluster
        self.namespace = namespace
        self.workload = workload
        self.count = count
        self.lastOccurredAt = lastOccurredAt
        self.reasons = reasons
    }
}
