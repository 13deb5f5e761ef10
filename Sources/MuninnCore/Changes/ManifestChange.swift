import Foundation
import KubeJSON

/// One change to a watched manifest, as the change watch reports it and the history keeps it.
public struct ManifestChange: Sendable, Hashable, Codable {
    /// Stable identity: the same change seen again (a retry, a restart) has the same id.
    /// Built from cluster, resource, namespace, name, uid and the new resourceVersion (or "deleted").
    public var id: String
    public var cluster: String
    /// `apps/v1/deployments`, `v1/configmaps` (``GroupVersionResource/description``).
    public var resource: String
    public var kind: String
    /// Empty for cluster-scoped objects.
    public var namespace: String
    public var name: String
    public var uid: String?
    public var action: ChangeAction
    /// When Muninn saw it (the watch event, or the start-up comparison for `whileStopped`).
    public var observedAt: Date
    /// Happened while Muninn was not running: found at start-up by comparing with the stored baseline.
    public var whileStopped: Bool
    /// The workload a crash would name: the object itself for Deployments, StatefulSets, DaemonSets,
    /// Jobs and CronJobs; nil for kinds that are not workloads.
    public var workload: Alert.Workload?
    /// Who made it, from the newest `managedFields` entry (`kubectl-client-side-apply`, `helm`,
    /// `kube-controller-manager`), when the server sent one.
    public var changedBy: String?
    public var diff: ManifestDiff

    public init(
        id: String, cluster: String, resource: String, kind: String, namespace: String, name: String, uid: String?,
        action: ChangeAction, observedAt: Date, whileStopped: Bool = false, workload: Alert.Workload? = nil,
        changedBy: String? = nil, diff: ManifestDiff
    ) {
        self.id = id
        self.cluster = cluster
        self.resource = resource
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.action = action
        self.observedAt = observedAt
        self.whileStopped = whileStopped
        self.workload = workload
        self.changedBy = changedBy
        self.diff = diff
    }
}
