import KubeJSON

/// The table of resources the simulator serves, built-in plus those added by CRDs.
struct ResourceRegistry: Sendable {
    private(set) var definitions: [ResourceDefinition]

    init(definitions: [ResourceDefinition] = ResourceRegistry.builtIn) {
        self.definitions = definitions
    }

    func definition(group: String, version: String, resource: String) -> ResourceDefinition? {
        definitions.first { $0.group == group && $0.version == version && $0.resource == resource }
    }

    func definition(for gvr: GroupVersionResource) -> ResourceDefinition? {
        definition(group: gvr.group, version: gvr.version, resource: gvr.resource)
    }

    /// Groups in registration order, each with its versions (first = preferred).
    var groups: [(name: String, versions: [String])] {
        var result: [(name: String, versions: [String])] = []
        for definition in definitions where !definition.group.isEmpty {
            if let index = result.firstIndex(where: { $0.name == definition.group }) {
                if !result[index].versions.contains(definition.version) { result[index].versions.append(definition.version) }
            } else {
                result.append((definition.group, [definition.version]))
            }
        }
        return result
    }

    func definitions(group: String, version: String) -> [ResourceDefinition] {
        definitions.filter { $0.group == group && $0.version == version }
    }

    func servesGroupVersion(group: String, version: String) -> Bool {
        definitions.contains { $0.group == group && $0.version == version }
    }

    /// Adds or replaces the definition with the same group, version and resource.
    mutating func register(_ definition: ResourceDefinition) {
        if let index = definitions.firstIndex(where: { $0.gvr == definition.gvr }) {
            definitions[index] = definition
        } else {
            definitions.append(definition)
        }
    }

    mutating func unregister(group: String, resource: String) {
        definitions.removeAll { $0.group == group && $0.resource == resource }
    }

    static let builtIn: [ResourceDefinition] = [
        .init(group: "", version: "v1", resource: "configmaps", singular: "configmap", kind: "ConfigMap",
              namespaced: true, shortNames: ["cm"], storageVersionHash: "qFsyl6wFWjQ="),
        .init(group: "", version: "v1", resource: "endpoints", singular: "endpoints", kind: "Endpoints",
              namespaced: true, shortNames: ["ep"], storageVersionHash: "fWeeMqaN/OA="),
        .init(group: "", version: "v1", resource: "events", singular: "event", kind: "Event",
              namespaced: true, shortNames: ["ev"], storageVersionHash: "r2yiGXH7wu8="),
        .init(group: "", version: "v1", resource: "namespaces", singular: "namespace", kind: "Namespace",
              namespaced: false, shortNames: ["ns"],
              verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
              subresources: ["finalize", "status"], storageVersionHash: "Q3oi5N2YM8M="),
        .init(group: "", version: "v1", resource: "nodes", singular: "node", kind: "Node",
              namespaced: false, shortNames: ["no"], subresources: ["status"], storageVersionHash: "XwShjMxG9Fs="),
        .init(group: "", version: "v1", resource: "persistentvolumeclaims", singular: "persistentvolumeclaim",
              kind: "PersistentVolumeClaim", namespaced: true, shortNames: ["pvc"], subresources: ["status"],
              storageVersionHash: "QWTyNDq0dC4="),
        .init(group: "", version: "v1", resource: "pods", singular: "pod", kind: "Pod", namespaced: true,
              shortNames: ["po"], categories: ["all"], subresources: ["log", "status"],
              storageVersionHash: "xPOwRZ+Yhw8="),
        .init(group: "", version: "v1", resource: "secrets", singular: "secret", kind: "Secret",
              namespaced: true, storageVersionHash: "S6u1pOWzb84="),
        .init(group: "", version: "v1", resource: "serviceaccounts", singular: "serviceaccount", kind: "ServiceAccount",
              namespaced: true, shortNames: ["sa"], storageVersionHash: "pbx9ZvyFpBE="),
        .init(group: "", version: "v1", resource: "services", singular: "service", kind: "Service",
              namespaced: true, shortNames: ["svc"], categories: ["all"], subresources: ["status"],
              storageVersionHash: "0/CO1lhkEBI="),
        .init(group: "apps", version: "v1", resource: "controllerrevisions", singular: "controllerrevision",
              kind: "ControllerRevision", namespaced: true, storageVersionHash: "85nkx63pcBU="),
        .init(group: "apps", version: "v1", resource: "daemonsets", singular: "daemonset", kind: "DaemonSet",
              namespaced: true, shortNames: ["ds"], categories: ["all"], subresources: ["status"],
              storageVersionHash: "dd7pWHUlMKQ=", tracksGeneration: true),
        .init(group: "apps", version: "v1", resource: "deployments", singular: "deployment", kind: "Deployment",
              namespaced: true, shortNames: ["deploy"], categories: ["all"], subresources: ["scale", "status"],
              storageVersionHash: "8aSe+NMegvE=", tracksGeneration: true),
        .init(group: "apps", version: "v1", resource: "replicasets", singular: "replicaset", kind: "ReplicaSet",
              namespaced: true, shortNames: ["rs"], categories: ["all"], subresources: ["scale", "status"],
              storageVersionHash: "P1RzHs8/mWQ=", tracksGeneration: true),
        .init(group: "apps", version: "v1", resource: "statefulsets", singular: "statefulset", kind: "StatefulSet",
              namespaced: true, shortNames: ["sts"], categories: ["all"], subresources: ["scale", "status"],
              storageVersionHash: "H+vl74LkKdo=", tracksGeneration: true),
        .init(group: "events.k8s.io", version: "v1", resource: "events", singular: "event", kind: "Event",
              namespaced: true, shortNames: ["ev"], storageVersionHash: "r2yiGXH7wu8=", storedAs: .events),
        .init(group: "batch", version: "v1", resource: "cronjobs", singular: "cronjob", kind: "CronJob",
              namespaced: true, shortNames: ["cj"], categories: ["all"], subresources: ["status"],
              storageVersionHash: "sd5LIXh4Fjk=", tracksGeneration: true),
        .init(group: "batch", version: "v1", resource: "jobs", singular: "job", kind: "Job",
              namespaced: true, categories: ["all"], subresources: ["status"],
              storageVersionHash: "mudhfqk/qZY=", tracksGeneration: true),
        .init(group: "networking.k8s.io", version: "v1", resource: "ingresses", singular: "ingress", kind: "Ingress",
              namespaced: true, shortNames: ["ing"], subresources: ["status"],
              storageVersionHash: "39NQlfNR+bo=", tracksGeneration: true),
        .init(group: "coordination.k8s.io", version: "v1", resource: "leases", singular: "lease", kind: "Lease",
              namespaced: true, storageVersionHash: "gqkMMb/YqFM="),
        .init(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions",
              singular: "customresourcedefinition", kind: "CustomResourceDefinition", namespaced: false,
              shortNames: ["crd", "crds"], categories: ["api-extensions"], subresources: ["status"],
              storageVersionHash: "jfWCUB31mvA=", tracksGeneration: true),
        // What an install applies (deploy/manifests, the Helm chart), so `kubectl apply --dry-run=server` can check it.
        .init(group: "policy", version: "v1", resource: "poddisruptionbudgets", singular: "poddisruptionbudget",
              kind: "PodDisruptionBudget", namespaced: true, shortNames: ["pdb"], subresources: ["status"],
              storageVersionHash: "EVWiDmWqyJw=", tracksGeneration: true),
        .init(group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings", singular: "clusterrolebinding",
              kind: "ClusterRoleBinding", namespaced: false, storageVersionHash: "48tpQ8gZHFc="),
        .init(group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", singular: "clusterrole",
              kind: "ClusterRole", namespaced: false, storageVersionHash: "bYE5ZWDrJ44="),
        .init(group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", singular: "rolebinding",
              kind: "RoleBinding", namespaced: true, storageVersionHash: "eGsCzGH6b1g="),
        .init(group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", singular: "role",
              kind: "Role", namespaced: true, storageVersionHash: "7FuwZcIIItM="),
    ]
}
