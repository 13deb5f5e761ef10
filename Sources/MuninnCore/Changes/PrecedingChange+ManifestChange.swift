extension PrecedingChange {
    /// What a crash alert carries of `change`: its identity, who made it, a summary in words and the diff.
    public init(_ change: ManifestChange) {
        self.init(
            changeID: change.id, kind: change.kind, name: change.name, changedAt: change.observedAt, changedBy: change.changedBy,
            summary: ChangeSummary.text(for: change), fieldChanges: change.diff.fieldChanges, unifiedDiff: change.diff.unifiedDiff)
    }
}
