import MuninnCore

extension HistoryStore {
    /// Every incident matching `query`, following cursors; the names of the fixture samples they are.
    public func allNames(_ query: IncidentQuery, ids: [String: Int64]) async throws -> [String] {
        let names = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        var query = query
        var result: [String] = []
        while true {
            let page = try await incidents(query)
            result += page.items.map { names[$0.id] ?? "#\($0.id)" }
            guard let next = page.nextCursor else { return result }
            query.cursor = next
        }
    }
}
