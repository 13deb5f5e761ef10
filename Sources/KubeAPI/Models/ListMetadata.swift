/// A list's `metadata`: its snapshot resourceVersion and the pagination cursor.
public struct ListMetadata: Codable, Hashable, Sendable {
    public var resourceVersion: String?
    /// Non-empty when more pages remain.
    public var `continue`: String?
    public var remainingItemCount: Int?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}
