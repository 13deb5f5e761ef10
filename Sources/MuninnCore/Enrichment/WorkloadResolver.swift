import KubeAPI

/// Finds the workload people know a pod by: ReplicaSet -> Deployment, Job -> CronJob, others as they are.
enum WorkloadResolver {
    /// The kind that owns an intermediate controller kind, if it has one.
    static func parentKind(of kind: String) -> String? {
        switch kind {
        case "ReplicaSet": "Deployment"
        case "Job": "CronJob"
        default: nil
        }
    }

    /// The pod's owner itself, used when the owner's own owner cannot be read.
    static func direct(_ owner: OwnerReference?) -> Alert.Workload? {
        owner.map { Alert.Workload(kind: $0.kind, name: $0.name) }
    }

    /// Follows one step up the owner chain when the pod's owner is a ReplicaSet or Job.
    static func resolve(owner: OwnerReference?, namespace: String, reader: some ClusterReader) async throws -> Alert.Workload? {
        guard let owner else { return nil }
        guard let parentKind = parentKind(of: owner.kind) else { return direct(owner) }
        let references = try await reader.ownerReferences(kind: owner.kind, namespace: namespace, name: owner.name)
        let parent = references.first { $0.kind == parentKind && $0.controller == true } ?? references.first { $0.kind == parentKind }
        guard let parent, !parent.name.isEmpty else { return direct(owner) }
        return Alert.Workload(kind: parent.kind, name: parent.name)
    }
}
