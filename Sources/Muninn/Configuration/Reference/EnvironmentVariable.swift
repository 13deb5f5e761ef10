/// An environment variable Muninn reads, for the reference in docs/configuration.md.
struct EnvironmentVariable: Equatable, Sendable {
    /// Whose variable it is: `Muninn`, a replaced tool (`johari-mirror`, `kube-dingtalk`, `Kubernetes Pod Monitor`,
    /// `kwatchman`) or `Kubernetes` (the downward API, kubectl's `KUBECONFIG`).
    var origin: String
    var name: String
    /// What it sets, in the YAML's terms where there is one.
    var sets: String
    var isSecret: Bool

    init(_ name: String, from origin: String, secret isSecret: Bool = false, _ sets: String) {
        self.name = name
        self.origin = origin
        self.sets = sets
        self.isSecret = isSecret
    }
}
