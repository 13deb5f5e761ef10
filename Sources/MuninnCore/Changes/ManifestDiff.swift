/// The user-visible difference between two versions of a manifest, after normalisation.
public struct ManifestDiff: Sendable, Hashable, Codable {
    /// Structured changes, in document order.
    public var fieldChanges: [FieldChange]
    /// A unified diff (`--- before` / `+++ after`, `@@` hunks, 3 lines of context) of the normalised manifests
    /// rendered as YAML with sorted keys. Secret values appear only as hashes. Empty when nothing differs.
    public var unifiedDiff: String

    public init(fieldChanges: [FieldChange], unifiedDiff: String) {
        self.fieldChanges = fieldChanges
        self.unifiedDiff = unifiedDiff
    }

    /// Nothing a user changed differs: the chain stops here (status-only, resourceVersion-only, resync updates).
    public var isEmpty: Bool { fieldChanges.isEmpty }
}
