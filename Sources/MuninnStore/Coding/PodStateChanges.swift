import MuninnCore

/// A batch of `PodStateUpdate`s reduced to what the table needs: per pod only the last update counts,
/// split into records to write and pods to forget.
struct PodStateChanges {
    struct Upsert {
        var namespace: String
        var name: String
        var record: String
    }

    struct Deletion {
        var namespace: String
        var name: String
    }

    private(set) var upserts: [Upsert] = []
    private(set) var deletions: [Deletion] = []

    init(_ updates: [PodStateUpdate]) throws {
        struct PodKey: Hashable {
            var namespace: String
            var name: String
        }
        var lastIndex: [PodKey: Int] = [:]
        for (index, update) in updates.enumerated() {
            lastIndex[PodKey(namespace: update.namespace, name: update.name)] = index
        }
        let json = StoredJSON()
        for (index, update) in updates.enumerated() where lastIndex[PodKey(namespace: update.namespace, name: update.name)] == index {
            if let record = update.record {
                upserts.append(Upsert(namespace: update.namespace, name: update.name, record: try json.text(record)))
            } else {
                deletions.append(Deletion(namespace: update.namespace, name: update.name))
            }
        }
    }
}
