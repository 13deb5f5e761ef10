/// One request as received.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    /// The raw query string (without `?`), empty when absent.
    public var query: String
    /// Header names lower-cased, in arrival order.
    public var headers: [(name: String, value: String)]

    public static func == (lhs: RecordedRequest, rhs: RecordedRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The first value of a header (name compared case-insensitively).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }
}
