/// One page of a LIST.
struct ListPage: Sendable {
    var items: [StoredObject]
    var resourceVersion: Int64
    var continueToken: String?
    var remainingItemCount: Int?
}
