import MuninnCore

/// The workload a timeline is about, as its path names it: `/workloads/{namespace}/{kind}/{name}`.
struct TimelineWorkload: Sendable, Hashable {
    var namespace: String
    var kind: String
    var name: String

    /// `/workloads/shop/Deployment/api`, each part percent-encoded.
    var path: String {
        "/workloads/\(HTML.queryValue(namespace))/\(HTML.queryValue(kind))/\(HTML.queryValue(name))"
    }

    /// The timeline page of an incident's workload, nil when the workload is not known (not enriched yet).
    static func path(namespace: String, workload: Alert.Workload?) -> String? {
        workload.map { TimelineWorkload(namespace: namespace, kind: $0.kind, name: $0.name).path }
    }
}
