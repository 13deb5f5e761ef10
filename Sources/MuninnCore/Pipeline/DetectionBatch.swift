/// What detection found since its last commit: incidents in the order found, and the detector memory that
/// changed with them (the latest state of each pod; an earlier update of the same pod is superseded).
struct DetectionBatch: Sendable {
    private(set) var incidents: [Incident] = []
    private var updates: [PodStateUpdate] = []
    private var positions: [String: Int] = [:]
    /// A sync is saved even with nothing else in it: from then on a restart compares with memory.
    private(set) var includesSync = false

    var isEmpty: Bool { incidents.isEmpty && updates.isEmpty && !includesSync }

    var podStates: [PodStateUpdate] { updates }

    mutating func add(_ found: [Incident], _ changes: [PodStateUpdate], synced: Bool) {
        incidents.append(contentsOf: found)
        for change in changes {
            let key = change.namespace + "/" + change.name
            if let position = positions[key] {
                updates[position] = change
            } else {
                positions[key] = updates.count
                updates.append(change)
            }
        }
        includesSync = includesSync || synced
    }
}
