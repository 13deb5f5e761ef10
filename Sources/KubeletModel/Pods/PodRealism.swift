/// How much of a real pod's bulk to reproduce.
public enum PodRealism: Sendable, Equatable {
    /// What `kubectl apply` of a small Deployment produces: no managedFields.
    case standard
    /// Shaped like the upstream benchmark exemplar pod (kubernetes/apiserver cacher testdata):
    /// many labels and annotations, downward-API env, managedFields, ~14 KB of compact JSON.
    case exemplar
}
