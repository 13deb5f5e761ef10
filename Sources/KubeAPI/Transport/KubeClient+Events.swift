import Foundation
import KubeJSON

extension KubeClient {
    /// The core/v1 Events about one object, oldest first (by last seen time), via a field selector on
    /// `involvedObject`. Cluster-scoped objects (nodes) have their events in the `default` namespace.
    public func events(
        involvedKind kind: String, name: String, namespace: String?, uid: String? = nil
    ) async throws -> [KubeEvent] {
        var selector = ["involvedObject.kind=\(kind)", "involvedObject.name=\(name)"]
        if let namespace { selector.append("involvedObject.namespace=\(namespace)") }
        if let uid { selector.append("involvedObject.uid=\(uid)") }
        let eventList = try await list(
            .events, namespace: namespace ?? "default", as: KubeEvent.self,
            options: ListOptions(fieldSelector: selector.joined(separator: ",")))
        return eventList.items.sorted { ($0.lastSeen?.date ?? .distantPast) < ($1.lastSeen?.date ?? .distantPast) }
    }
}
