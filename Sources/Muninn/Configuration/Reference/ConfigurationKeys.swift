/// Every key of Muninn's YAML configuration, with its default, environment variables, secrecy and meaning: the
/// single source of the reference in docs/configuration.md (`muninn config-reference` prints it). A test feeds the
/// parsers and compares what they accept with this list in both directions.
enum ConfigurationKeys {
    /// The whole catalogue, in the order of the reference.
    static var all: [ConfigurationKey] {
        general + routing + alerts + storeAndDelivery + dashboard + leaderElection + destinations + changes
    }

    /// The keys directly inside the mapping at `parent` (`""` for the top level). For a destination mapping
    /// (`destinations.<name>`), pass its `type` to get that type's keys.
    static func children(of parent: String, destinationType: String? = nil) -> [ConfigurationKey] {
        all.filter { key in
            guard key.parent == parent else { return false }
            guard let destinationType, !key.destinationTypes.isEmpty else { return true }
            return key.destinationTypes.contains(destinationType)
        }
    }

    static let general: [ConfigurationKey] = [
        ConfigurationKey("cluster", "the cluster Muninn watches"),
        ConfigurationKey(
            "cluster.name", default: "default", environment: ["MUNINN_CLUSTER_NAME", "CLUSTER_NAME"],
            "shown in every alert, so people with several clusters know which one speaks (flag `--cluster-name`)"),
        ConfigurationKey("kubernetes", "how to reach the API server"),
        ConfigurationKey(
            "kubernetes.kubeconfig", default: "`KUBECONFIG`, `~/.kube/config`, then in-cluster", environment: ["KW_KUBECONFIG"],
            "path of a kubeconfig (flag `--kubeconfig`)"),
        ConfigurationKey("kubernetes.context", default: "the kubeconfig's current-context", "a kubeconfig context (flag `--context`)"),
        ConfigurationKey("watch", "what is watched"),
        ConfigurationKey(
            "watch.namespaces", default: "all namespaces", environment: ["MUNINN_NAMESPACES", "KUBE_NAMESPACES_ONLY"],
            "namespaces to watch, one list and watch per namespace (flag `-n/--namespace`, repeatable)"),
        ConfigurationKey("watch.labelSelector", default: "none", "a Kubernetes label selector for the pods watched (`team=web`)"),
        ConfigurationKey("watch.fieldSelector", default: "none", "a Kubernetes field selector for the pods watched (`spec.nodeName=node-1`)"),
        ConfigurationKey("log", "Muninn's own logs (on standard error)"),
        ConfigurationKey(
            "log.level", default: "info", environment: ["MUNINN_LOG_LEVEL"],
            "trace, debug, info, notice, warning, error or critical (flag `--log-level`)"),
        ConfigurationKey(
            "log.format", default: "auto", environment: ["MUNINN_LOG_FORMAT"],
            "`text` (readable lines), `json` (one object per line, for log collectors) or `auto`: text on a terminal, JSON otherwise, "
                + "so a pod logs JSON (flag `--log-format`)"),
    ]
}
