import Foundation
import Logging

/// Links a crash to the change of its workload shortly before it: the change watch's history is asked for
/// the newest change with a difference to the workload within ``window`` before the alert's time.
///
/// ```swift
/// let enricher = AlertEnricher(configuration: configuration, changeLink: ChangeLink(store: store, window: .seconds(1800)))
/// ```
public struct ChangeLink: Sendable {
    public var store: any ChangeStore
    public var window: Duration

    public init(store: any ChangeStore, window: Duration = .seconds(1800)) {
        self.store = store
        self.window = window
    }

    /// The alert kinds a manifest change can explain; a recovery or an eviction (node pressure) is not linked.
    public static let linkedKinds: Set<Alert.Kind> = [.crashed, .cannotStart, .notReady, .failed]

    /// The change to carry in `alert`, or nil: no workload, a kind not linked, nothing in the window.
    /// Changes found at start-up (`whileStopped`) count. The store's errors propagate; the enricher logs them.
    public func precedingChange(for alert: Alert) async throws(StoreError) -> PrecedingChange? {
        guard Self.linkedKinds.contains(alert.kind), let workload = alert.workload else { return nil }
        let since = alert.occurredAt.addingTimeInterval(-window.seconds)
        let query = ChangeQuery(cluster: alert.cluster, namespace: alert.namespace, workload: workload, since: since, until: alert.occurredAt, limit: 20)
        let changes = try await store.changes(query)
        guard let change = changes.first(where: { !$0.diff.isEmpty && $0.action != .deleted }) else { return nil }
        return PrecedingChange(change)
    }
}
