import Foundation

/// Which stored changes to return, newest first.
public struct ChangeQuery: Sendable, Hashable {
    public var cluster: String?
    public var namespace: String?
    /// Only changes of this workload (kind and name), e.g. for a crash's "changed shortly before" or a timeline.
    public var workload: Alert.Workload?
    public var kind: String?
    public var name: String?
    public var since: Date?
    public var until: Date?
    public var limit: Int

    public init(
        cluster: String? = nil, namespace: String? = nil, workload: Alert.Workload? = nil, kind: String? = nil, name: String? = nil,
        since: Date? = nil, until: Date? = nil, limit: Int = 50
    ) {
        self.cluster = cluster
        self.namespace = namespace
        self.workload = workload
        self.kind = kind
        self.name = name
        self.since = since
        self.until = until
        self.limit = limit
    }
}
