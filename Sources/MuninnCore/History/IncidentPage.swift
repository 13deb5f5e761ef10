/// One page of incidents, newest first.
public struct IncidentPage: Sendable, Equatable {
    public var items: [IncidentSummary]
    /// Pass as `IncidentQuery.cursor` for the next page; nil on the last page.
    public var nextCursor: IncidentCursor?

    public init(items: [IncidentSummary], nextCursor: IncidentCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
