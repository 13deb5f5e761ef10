import KubeJSON

/// What the change watch reads from a manifest as the server sent it.
enum ManifestFacts {
    static func namespace(_ object: JSONValue) -> String { object[path: ["metadata", "namespace"]]?.stringValue ?? "" }
    static func name(_ object: JSONValue) -> String { object[path: ["metadata", "name"]]?.stringValue ?? "" }
    static func uid(_ object: JSONValue) -> String? { object[path: ["metadata", "uid"]]?.stringValue }
    static func resourceVersion(_ object: JSONValue) -> String? { object[path: ["metadata", "resourceVersion"]]?.stringValue }

    /// The manager of the newest `managedFields` entry of the object itself (entries of the status subresource are
    /// controllers reporting, not people changing): `kubectl-client-side-apply`, `helm`, `kube-controller-manager`.
    static func changedBy(_ object: JSONValue) -> String? {
        let entries = object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        var newest: (time: String, manager: String)?
        for entry in entries where (entry["subresource"]?.stringValue ?? "").isEmpty {
            guard let manager = entry["manager"]?.stringValue, !manager.isEmpty else { continue }
            // RFC 3339 times in UTC, as the server writes them, order as text.
            let time = entry["time"]?.stringValue ?? ""
            if time >= (newest?.time ?? "") { newest = (time, manager) }
        }
        return newest?.manager
    }

    /// Kinds a crash names as its workload (the enricher's owner walk ends at these).
    static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]

    static func workload(kind: String, name: String) -> Alert.Workload? {
        workloadKinds.contains(kind) ? Alert.Workload(kind: kind, name: name) : nil
    }
}
