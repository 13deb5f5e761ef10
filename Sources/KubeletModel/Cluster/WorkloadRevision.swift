import Foundation
import KubeJSON

/// One version of a workload's pod template (a ReplicaSet of a Deployment, a controller revision
/// of a StatefulSet or DaemonSet).
struct WorkloadRevision: Sendable {
    var number: Int
    var hash: String
    /// The ReplicaSet's uid (Deployments) — pods' owner.
    var uid: String
    var containers: [ContainerBlueprint]
    var initContainers: [ContainerBlueprint]
    var created: Date
    /// Template shared by bulk pods of this revision (spec + volume suffix), built on first use.
    var sharedSpec: SharedSpec?
}

struct SharedSpec: Sendable {
    var volumeSuffix: String
    var spec: JSONValue
}
