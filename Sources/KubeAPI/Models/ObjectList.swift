/// A `<Kind>List`. Items carry no `kind`/`apiVersion` in a real server's lists, so nothing requires them.
public struct ObjectList<Item: Decodable & Sendable>: Decodable, Sendable {
    public var metadata: ListMetadata
    public var items: [Item]

    public init(metadata: ListMetadata, items: [Item]) {
        self.metadata = metadata
        self.items = items
    }

    private enum CodingKeys: String, CodingKey { case metadata, items }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = container.lenient(.metadata) ?? ListMetadata()
        // Items are essential: a malformed item is an error, not silently dropped.
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
