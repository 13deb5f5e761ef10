import MuninnCore

/// A batch of `PodStateUpdate`s reduced to what the table needs: per pod only the last update counts,
/// split into records to write and pods to forget, each sorted by pod so that two replicas writing the
/// same pods lock their rows in the same order.
struct PodStateChanges {
    /// Column arrays, bound as PostgreSQL arrays and expanded with `unnest`: one statement per batch.
    struct Columns {
        var namespaces: [String] = []
        var names: [String] = []
        var records: [String] = []
    }

    private(set) var upserts: [Columns] = []
    private(set) var deletions: [Columns] = []

    /// Pods per statement: keeps each message to the server a few hundred kilobytes.
    static let podsPerStatement = 1_000

    init(_ updates: [PodStateUpdate]) throws {
        struct PodKey: Hashable, Comparable {
            var namespace: String
            var name: String
            static func < (lhs: PodKey, rhs: PodKey) -> Bool { (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name) }
        }
        var last: [PodKey: PodStateUpdate] = [:]
        for update in updates {
            last[PodKey(namespace: update.namespace, name: update.name)] = update
        }
        let json = StoredJSON()
        var upsert = Columns()
        var deletion = Columns()
        for key in last.keys.sorted() {
            guard let update = last[key] else { continue }
            let namespace = StorableText.text(update.namespace)
            let name = StorableText.text(update.name)
            if let record = update.record {
                upsert.namespaces.append(namespace)
                upsert.names.append(name)
                upsert.records.append(try json.text(record))
                if upsert.names.count == Self.podsPerStatement {
                    upserts.append(upsert)
                    upsert = Columns()
                }
            } else {
                deletion.namespaces.append(namespace)
                deletion.names.append(name)
                if deletion.names.count == Self.podsPerStatement {
                    deletions.append(deletion)
                    deletion = Columns()
                }
            }
        }
        if !upsert.names.isEmpty { upserts.append(upsert) }
        if !deletion.names.isEmpty { deletions.append(deletion) }
    }
}
