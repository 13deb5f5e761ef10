import KubeJSON
import MuninnCore

/// A stand-in for the real `ManifestDiffer` in tests of the change watch: it compares only `spec`, `data` and
/// `metadata.labels` (so status, resourceVersion, managedFields and annotations never differ), one field change per
/// top-level key of those that differs, and a unified diff of those keys' compact JSON (Secret values included: it is
/// a fake). The policy's ignored paths that name such a key (`spec.replicas`, `metadata.labels.version`) are honoured.
public struct FakeManifestDiffer: ManifestDiffing {
    public init() {}

    public func normalize(_ manifest: JSONValue, policy: DiffPolicy) -> JSONValue {
        var metadata = JSONObject()
        metadata["name"] = manifest[path: ["metadata", "name"]]
        metadata["namespace"] = manifest[path: ["metadata", "namespace"]]
        metadata["labels"] = Self.filtered(manifest[path: ["metadata", "labels"]], prefix: "metadata.labels.", policy: policy)
        var normalized = JSONObject()
        normalized["apiVersion"] = manifest["apiVersion"]
        normalized["kind"] = manifest["kind"]
        normalized["metadata"] = .object(metadata)
        normalized["spec"] = Self.filtered(manifest["spec"], prefix: "spec.", policy: policy)
        normalized["data"] = Self.filtered(manifest["data"], prefix: "data.", policy: policy)
        return .object(normalized)
    }

    public func diff(old: JSONValue?, new: JSONValue?, policy: DiffPolicy) -> ManifestDiff {
        let before = old.map { normalize($0, policy: policy) }
        let after = new.map { normalize($0, policy: policy) }
        var changes: [FieldChange] = []
        var lines: [String] = []
        for (prefix, path) in [("metadata.labels.", ["metadata", "labels"]), ("spec.", ["spec"]), ("data.", ["data"])] {
            let oldFields = before?[path: path]?.objectValue ?? JSONObject()
            let newFields = after?[path: path]?.objectValue ?? JSONObject()
            var keys = oldFields.keys
            for key in newFields.keys where !keys.contains(key) { keys.append(key) }
            for key in keys {
                let was = oldFields[key]
                let now = newFields[key]
                guard was != now else { continue }
                let operation: FieldChange.Operation = was == nil ? .added : now == nil ? .removed : .changed
                changes.append(FieldChange(path: prefix + key, operation: operation, old: was.map(Self.text), new: now.map(Self.text)))
                if let was { lines.append("-\(prefix)\(key): \(Self.text(was))") }
                if let now { lines.append("+\(prefix)\(key): \(Self.text(now))") }
            }
        }
        guard !changes.isEmpty else { return ManifestDiff(fieldChanges: [], unifiedDiff: "") }
        return ManifestDiff(fieldChanges: changes, unifiedDiff: "--- before\n+++ after\n@@ -1 +1 @@\n" + lines.joined(separator: "\n") + "\n")
    }

    private static func filtered(_ value: JSONValue?, prefix: String, policy: DiffPolicy) -> JSONValue? {
        guard var object = value?.objectValue else { return value }
        for path in policy.ignoredPaths where path.hasPrefix(prefix) {
            object[String(path.dropFirst(prefix.count))] = nil
        }
        return .object(object)
    }

    private static func text(_ value: JSONValue) -> String {
        if let string = value.stringValue { return string }
        return value.serializedString()
    }
}
