import Foundation

/// The built-in resource types a configuration can name before any server is asked: their plural, singular and
/// short names, as `kubectl api-resources` lists them. A name close to one of these but not equal (`deploymnet`,
/// `Deploymnet`) is a mistake caught when the file is read; any other name (a CRD) is resolved through discovery
/// at start.
enum KnownResources {
    struct Entry {
        var plural: String
        var singular: String
        var shortNames: [String]
        var groupVersion: String

        var names: [String] { [plural, singular] + shortNames }
    }

    static let entries: [Entry] = [
        Entry(plural: "pods", singular: "pod", shortNames: ["po"], groupVersion: "v1"),
        Entry(plural: "services", singular: "service", shortNames: ["svc"], groupVersion: "v1"),
        Entry(plural: "configmaps", singular: "configmap", shortNames: ["cm"], groupVersion: "v1"),
        Entry(plural: "secrets", singular: "secret", shortNames: [], groupVersion: "v1"),
        Entry(plural: "serviceaccounts", singular: "serviceaccount", shortNames: ["sa"], groupVersion: "v1"),
        Entry(plural: "persistentvolumeclaims", singular: "persistentvolumeclaim", shortNames: ["pvc"], groupVersion: "v1"),
        Entry(plural: "persistentvolumes", singular: "persistentvolume", shortNames: ["pv"], groupVersion: "v1"),
        Entry(plural: "namespaces", singular: "namespace", shortNames: ["ns"], groupVersion: "v1"),
        Entry(plural: "nodes", singular: "node", shortNames: ["no"], groupVersion: "v1"),
        Entry(plural: "endpoints", singular: "endpoints", shortNames: ["ep"], groupVersion: "v1"),
        Entry(plural: "limitranges", singular: "limitrange", shortNames: ["limits"], groupVersion: "v1"),
        Entry(plural: "resourcequotas", singular: "resourcequota", shortNames: ["quota"], groupVersion: "v1"),
        Entry(plural: "deployments", singular: "deployment", shortNames: ["deploy"], groupVersion: "apps/v1"),
        Entry(plural: "statefulsets", singular: "statefulset", shortNames: ["sts"], groupVersion: "apps/v1"),
        Entry(plural: "daemonsets", singular: "daemonset", shortNames: ["ds"], groupVersion: "apps/v1"),
        Entry(plural: "replicasets", singular: "replicaset", shortNames: ["rs"], groupVersion: "apps/v1"),
        Entry(plural: "jobs", singular: "job", shortNames: [], groupVersion: "batch/v1"),
        Entry(plural: "cronjobs", singular: "cronjob", shortNames: ["cj"], groupVersion: "batch/v1"),
        Entry(plural: "horizontalpodautoscalers", singular: "horizontalpodautoscaler", shortNames: ["hpa"], groupVersion: "autoscaling/v2"),
        Entry(plural: "ingresses", singular: "ingress", shortNames: ["ing"], groupVersion: "networking.k8s.io/v1"),
        Entry(plural: "ingressclasses", singular: "ingressclass", shortNames: [], groupVersion: "networking.k8s.io/v1"),
        Entry(plural: "networkpolicies", singular: "networkpolicy", shortNames: ["netpol"], groupVersion: "networking.k8s.io/v1"),
        Entry(plural: "poddisruptionbudgets", singular: "poddisruptionbudget", shortNames: ["pdb"], groupVersion: "policy/v1"),
        Entry(plural: "roles", singular: "role", shortNames: [], groupVersion: "rbac.authorization.k8s.io/v1"),
        Entry(plural: "rolebindings", singular: "rolebinding", shortNames: [], groupVersion: "rbac.authorization.k8s.io/v1"),
        Entry(plural: "clusterroles", singular: "clusterrole", shortNames: [], groupVersion: "rbac.authorization.k8s.io/v1"),
        Entry(plural: "clusterrolebindings", singular: "clusterrolebinding", shortNames: [], groupVersion: "rbac.authorization.k8s.io/v1"),
        Entry(plural: "storageclasses", singular: "storageclass", shortNames: ["sc"], groupVersion: "storage.k8s.io/v1"),
        Entry(
            plural: "customresourcedefinitions", singular: "customresourcedefinition", shortNames: ["crd", "crds"],
            groupVersion: "apiextensions.k8s.io/v1"),
    ]

    /// Every built-in name, lower case.
    static let allNames: [String] = entries.flatMap(\.names)

    /// Why `name` is not a resource name, when it is clearly a misspelt built-in one; nil for a built-in name
    /// (any case, as kubectl accepts `Deployment`), a qualified or `group/version/resource` name, or anything else
    /// discovery may know (a CRD).
    static func problem(in name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return "a resource name must not be empty" }
        let lowered = trimmed.lowercased()
        if lowered.contains("/") {
            let parts = lowered.split(separator: "/", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
                return "'\(name)' is not a group/version/resource name such as apps/v1/deployments or v1/configmaps"
            }
            return nil
        }
        if lowered.contains(".") || allNames.contains(lowered) { return nil }
        // Short names are too close to each other to guess from (`vs`, Istio's VirtualService, is one edit from `ns`).
        guard lowered.count >= 5 else { return nil }
        if let close = closeMatches(to: lowered).first {
            return "unknown resource '\(name)'; did you mean '\(close)'?"
        }
        return nil
    }

    /// Built-in names within a small edit distance of `name`, closest first.
    static func closeMatches(to name: String, in candidates: [String] = allNames) -> [String] {
        let lowered = name.lowercased()
        let limit = max(1, min(3, lowered.count / 4))
        return candidates.map { ($0, YAMLConfigNode.editDistance(lowered, $0.lowercased())) }
            .filter { $0.1 > 0 && $0.1 <= limit }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .map(\.0)
    }
}
