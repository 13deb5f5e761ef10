import KubeJSON

/// The change watch's diff: normalises manifests (docs/changes.md lists what is dropped), lists the field
/// changes with list items matched by name, and renders a unified diff of the normalised YAML (sorted keys).
///
/// ```swift
/// let differ = ManifestDiffer()
/// let diff = differ.diff(old: baseline, new: event.object, policy: DiffPolicy(ignoredPaths: ["spec.replicas"]))
/// if diff.isEmpty { return }  // status, resourceVersion, resync: nothing a user changed
/// print(diff.fieldChanges.map { "\($0.path): \($0.old ?? "") -> \($0.new ?? "")" })
/// ```
///
/// Work is bounded: values in field changes are cut to 200 characters, and the line diff gives up minimising
/// past 1,000 differing lines (the diff stays correct) and compares at most 20,000 lines per manifest.
public struct ManifestDiffer: ManifestDiffing {
    public init() {}

    public func normalize(_ manifest: JSONValue, policy: DiffPolicy) -> JSONValue {
        ManifestNormalizer.normalize(manifest, policy: policy)
    }

    /// An added object (`old` nil) lists each of its top-level fields as added; a deleted one (`new` nil) as removed.
    public func diff(old: JSONValue?, new: JSONValue?, policy: DiffPolicy) -> ManifestDiff {
        // A path one version's annotation ignores is ignored in both, or it would show as added or removed.
        let annotated = policy.honoursAnnotation ? ManifestNormalizer.annotationPaths(old) + ManifestNormalizer.annotationPaths(new) : []
        let before = old.map { ManifestNormalizer.normalize($0, policy: policy, extraIgnored: annotated) }
        let after = new.map { ManifestNormalizer.normalize($0, policy: policy, extraIgnored: annotated) }
        let empty = JSONValue.object(JSONObject())
        let changes = StructuredDiff.changes(old: before ?? empty, new: after ?? empty)
        guard !changes.isEmpty else { return ManifestDiff(fieldChanges: [], unifiedDiff: "") }
        let label = Self.label(for: after ?? before ?? empty)
        let unified = UnifiedDiff.render(
            old: before.map(ManifestYAML.lines) ?? [], new: after.map(ManifestYAML.lines) ?? [],
            oldLabel: before == nil ? "/dev/null" : "a/\(label)", newLabel: after == nil ? "/dev/null" : "b/\(label)")
        return ManifestDiff(fieldChanges: changes, unifiedDiff: unified)
    }

    /// `{kind}/{namespace}/{name}`, or `{kind}/{name}` for cluster-scoped objects.
    static func label(for manifest: JSONValue) -> String {
        let kind = manifest["kind"]?.stringValue ?? "object"
        let name = manifest[path: ["metadata", "name"]]?.stringValue ?? "unnamed"
        guard let namespace = manifest[path: ["metadata", "namespace"]]?.stringValue, !namespace.isEmpty else { return "\(kind)/\(name)" }
        return "\(kind)/\(namespace)/\(name)"
    }
}
