import KubeJSON

/// Who last changed an object, from `metadata.managedFields`: the manager of the newest entry that is not a
/// status update (`kubectl-client-side-apply`, `helm`, `kubectl-rollout`, `kube-controller-manager`). Nil when
/// the server sent no managed fields (they may be stripped by the client or disabled).
public enum ChangeAuthor {
    public static func latest(in manifest: JSONValue) -> String? {
        guard let entries = manifest[path: ["metadata", "managedFields"]]?.arrayValue else { return nil }
        var best: (time: String, manager: String)?
        for entry in entries {
            guard let manager = entry["manager"]?.stringValue, !manager.isEmpty else { continue }
            if entry["subresource"]?.stringValue == "status" { continue }
            // RFC 3339 times in UTC, as the server writes them, sort as text; ties keep the later entry.
            let time = entry["time"]?.stringValue ?? ""
            if best == nil || time >= (best?.time ?? "") { best = (time, manager) }
        }
        return best?.manager
    }
}
