/// Query parameters of a LIST.
public struct ListOptions: Sendable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Page size; `nil` asks for everything at once.
    public var limit: Int?
    /// `nil`/`""`: a consistent read; `"0"`: any cached state (the server then ignores `limit`).
    public var resourceVersion: String?
    /// `Exact` or `NotOlderThan`; only together with a `resourceVersion`.
    public var resourceVersionMatch: String?
    public var timeoutSeconds: Int?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = 500,
        resourceVersion: String? = nil, resourceVersionMatch: String? = nil, timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
    }

    func queryItems(continue token: String?) -> [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
        if let limit, limit > 0 { items.append(("limit", String(limit))) }
        if let token, !token.isEmpty {
            items.append(("continue", token))
        } else {
            // The server rejects a resourceVersion (other than "0") together with continue.
            if let resourceVersion, !resourceVersion.isEmpty {
                items.append(("resourceVersion", resourceVersion))
                if let resourceVersionMatch { items.append(("resourceVersionMatch", resourceVersionMatch)) }
            }
        }
        if let timeoutSeconds { items.append(("timeoutSeconds", String(timeoutSeconds))) }
        return items
    }
}
