import KubeJSON

/// A document the fake Elasticsearch stored.
public struct FakeElasticsearchDocument: Sendable {
    public var index: String
    public var id: String
    public var source: JSONValue
    /// 1 when created, more each time the same `_id` was indexed again.
    public var version: Int
}
