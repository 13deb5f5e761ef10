import Foundation
import KubeAPI

/// The facts of one pod update that every rule needs, derived once per event.
struct PodFacts: Sendable {
    var key: ObjectKey
    var uid: String
    var node: String?
    var owner: OwnerReference?
    /// `deletionTimestamp` is set: the pod is going away on purpose.
    var deleting: Bool
    var phase: String?
    /// Pod-level failure reason (phase Failed with `status.reason`, e.g. Evicted): its kills are not container crashes.
    var failureReason: String?
    var failureMessage: String?
    /// Every regular container has terminated for good (restart policy not Always): sidecars are being stopped
    /// because the pod is done.
    var regularContainersFinished: Bool
    var labels: [String: String]
    var annotations: [String: String]
    /// Kept for the rare look-ups (sidecar marker, image) instead of indexing it on every event.
    var spec: PodSpec

    init(_ pod: Pod) {
        key = pod.objectKey
        uid = pod.metadata.uid ?? ""
        node = pod.spec.nodeName
        owner = pod.metadata.ownerReferences.first { $0.controller == true } ?? pod.metadata.ownerReferences.first
        deleting = pod.metadata.deletionTimestamp != nil
        phase = pod.status.phase
        if pod.status.phase == "Failed", let reason = pod.status.reason, !reason.isEmpty {
            failureReason = reason
            failureMessage = pod.status.message
        }
        let regular = pod.status.containerStatuses
        let restarts = (pod.spec.restartPolicy ?? "Always") == "Always"
        regularContainersFinished = !restarts && !regular.isEmpty && regular.allSatisfy { $0.state.terminatedDetails != nil }
        spec = pod.spec
        labels = pod.metadata.labels
        annotations = Self.routingAnnotations(pod.metadata.annotations)
    }

    /// kubectl's last-applied copy of the manifest can be hundreds of kilobytes and no rule needs it.
    static func routingAnnotations(_ annotations: [String: String]) -> [String: String] {
        annotations.filter { $0.key != "kubectl.kubernetes.io/last-applied-configuration" }
    }

    func role(of group: ContainerMemory.Group, name: String) -> Incident.Role {
        switch group {
        case .regular: .regular
        case .`init`: spec.initContainers.contains { $0.name == name && $0.isSidecar } ? .sidecar : .`init`
        case .ephemeral: .ephemeral
        }
    }

    /// The image a status lacks, from the spec.
    func specImage(of name: String) -> String? {
        (spec.containers + spec.initContainers + spec.ephemeralContainers).first { $0.name == name }?.image
    }

    /// An incident about this pod with the pod fields filled in.
    func incident(_ kind: Incident.Kind, identity: String, now: Date) -> Incident {
        Incident(
            kind: kind, namespace: key.namespace, podName: key.name, podUID: uid, node: node, owner: owner, identity: identity,
            observedAt: now, labels: labels, annotations: annotations)
    }
}
