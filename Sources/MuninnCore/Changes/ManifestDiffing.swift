import KubeJSON

/// Compares two versions of a manifest as a user sees them. Implemented by `ManifestDiffer`.
public protocol ManifestDiffing: Sendable {
    /// The manifest as it is stored as a baseline and shown in diffs: server-managed fields removed,
    /// the policy's paths removed, Secret data replaced by hashes.
    func normalize(_ manifest: JSONValue, policy: DiffPolicy) -> JSONValue

    /// The difference from `old` to `new` (both as the server sent them, or as `normalize` returned them:
    /// normalising twice changes nothing). `old` nil means the object is new; `new` nil means it was deleted.
    func diff(old: JSONValue?, new: JSONValue?, policy: DiffPolicy) -> ManifestDiff
}
