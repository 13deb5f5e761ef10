import KubeJSON

/// A change the kubelet model (or a scenario) wants made to the simulated cluster.
///
/// The model is pure: it never touches the API server's store. It returns writes, and the
/// simulator applies them through its store, so every change gets a resourceVersion and reaches
/// watchers exactly as a write by a real kubelet or controller would.
public enum ClusterWrite: Sendable, Equatable {
    /// Create the object, or replace it if one with the same namespace and name exists.
    /// The store assigns `metadata.resourceVersion`; the writer sets everything else it cares
    /// about, including `uid` and `creationTimestamp`.
    case apply(GroupVersionResource, JSONValue)
    /// Remove the object (namespace is nil for cluster-scoped resources).
    case delete(GroupVersionResource, namespace: String?, name: String)
    /// Append to the log of one container instance. `containerID` is the instance's
    /// `containerID` (`containerd://…`) as it appears in `state`/`lastState` of the pod status.
    case appendLog(namespace: String, pod: String, container: String, containerID: String, text: String)
}
