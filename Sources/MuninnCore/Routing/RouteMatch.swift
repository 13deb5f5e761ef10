/// The conditions of a routing rule. Every list that is not empty must be satisfied (any of its
/// patterns matches); an empty list matches everything, so an empty `RouteMatch` matches every alert.
///
/// Alerts without a container (pod not Ready, evicted, failed) test container patterns against
/// the empty name; alerts of a pod without an owner have the workload `Pod/<pod name>`.
public struct RouteMatch: Sendable, Equatable {
    public var clusters: [WildcardPattern]
    public var namespaces: [WildcardPattern]
    /// `Deployment`, `StatefulSet`, `DaemonSet`, `CronJob`, `Job`, `Pod`, ...
    public var workloadKinds: [WildcardPattern]
    public var workloadNames: [WildcardPattern]
    public var pods: [WildcardPattern]
    public var containers: [WildcardPattern]
    /// All must hold.
    public var labels: [MetadataMatcher]
    /// All must hold.
    public var annotations: [MetadataMatcher]
    public var kinds: Set<Alert.Kind>
    /// `OOMKilled`, `Error`, `ImagePullBackOff`, ...; alerts without a reason match only `*`.
    public var reasons: [WildcardPattern]

    public init(
        clusters: [WildcardPattern] = [], namespaces: [WildcardPattern] = [], workloadKinds: [WildcardPattern] = [],
        workloadNames: [WildcardPattern] = [], pods: [WildcardPattern] = [], containers: [WildcardPattern] = [],
        labels: [MetadataMatcher] = [], annotations: [MetadataMatcher] = [], kinds: Set<Alert.Kind> = [], reasons: [WildcardPattern] = []
    ) {
        self.clusters = clusters
        self.namespaces = namespaces
        self.workloadKinds = workloadKinds
        self.workloadNames = workloadNames
        self.pods = pods
        self.containers = containers
        self.labels = labels
        self.annotations = annotations
        self.kinds = kinds
        self.reasons = reasons
    }

    /// Matches everything.
    public static let any = RouteMatch()

    public func matches(_ alert: Alert, labels podLabels: [String: String], annotations podAnnotations: [String: String]) -> Bool {
        let workload = alert.workload ?? Alert.Workload(kind: "Pod", name: alert.pod)
        return Self.any(clusters, alert.cluster) && Self.any(namespaces, alert.namespace)
            && Self.any(workloadKinds, workload.kind) && Self.any(workloadNames, workload.name)
            && Self.any(pods, alert.pod) && Self.any(containers, alert.container ?? "")
            && (kinds.isEmpty || kinds.contains(alert.kind)) && Self.any(reasons, alert.reason ?? "")
            && labels.allSatisfy { $0.isSatisfied(by: podLabels) }
            && annotations.allSatisfy { $0.isSatisfied(by: podAnnotations) }
    }

    private static func any(_ patterns: [WildcardPattern], _ subject: String) -> Bool {
        patterns.isEmpty || patterns.contains { $0.matches(subject) }
    }
}
