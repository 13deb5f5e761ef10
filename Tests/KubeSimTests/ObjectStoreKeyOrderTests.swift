import KubeJSON
import KubeletModel
import Testing

@testable import KubeSim

/// A resource's keys stay in order through any mix of writes and deletes, whether a list patches the few changes
/// since the last one in place or merges many in one pass.
@Suite struct ObjectStoreKeyOrderTests {
    @Test(arguments: [1, 3, 40, 200])
    func keysInOrderMatchesTheObjectsAfterEveryChange(changesBetweenLists: Int) {
        let fields = SelectableFields.forResource(group: "", resource: "events")
        var table = ObjectStore.Table(fields: fields)
        var random = SeededRandom(seed: UInt64(changesBetweenLists))
        for round in 0..<60 {
            for _ in 0..<changesBetweenLists {
                let key = ObjectKey(namespace: "ns-\(random.int(in: 0...2))", name: "event-\(random.int(in: 0...119))")
                if table.objects[key] != nil, random.int(in: 0...2) == 0 {
                    table.objects[key] = nil
                    table.noteRemoved(key)
                } else if table.objects[key] == nil {
                    let object: JSONValue = ["metadata": ["name": .string(key.name), "namespace": .string(key.namespace)]]
                    table.objects[key] = StoredObject(object: object, key: key, resourceVersion: Int64(round + 1), fieldsOf: fields)
                    table.noteInserted(key)
                }
            }
            #expect(table.keysInOrder() == table.objects.keys.sorted(), "round \(round)")
        }
    }
}
