import Foundation

/// The manifest change of a crashing workload shortly before the crash, carried by its alert:
/// "started crashing 2 minutes after image changed v1 -> v2 (by kubectl-client-side-apply at 10:42)".
public struct PrecedingChange: Sendable, Hashable, Codable {
    /// ``ManifestChange/id`` of the change.
    public var changeID: String
    public var kind: String
    public var name: String
    public var changedAt: Date
    public var changedBy: String?
    /// The few most telling field changes (images first), in words: `image changed v1 -> v2`.
    public var summary: String
    public var fieldChanges: [FieldChange]
    public var unifiedDiff: String

    public init(
        changeID: String, kind: String, name: String, changedAt: Date, changedBy: String?, summary: String,
        fieldChanges: [FieldChange], unifiedDiff: String
    ) {
        self.changeID = changeID
        self.kind = kind
        self.name = name
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.summary = summary
        self.fieldChanges = fieldChanges
        self.unifiedDiff = unifiedDiff
    }
}
