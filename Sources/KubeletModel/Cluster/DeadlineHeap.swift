import Foundation

/// A min-heap of (time, pod id), so the engine finds the next due pod among 150,000 without
/// scanning. Entries can go stale (the pod's deadline moved); the engine re-checks on pop.
struct DeadlineHeap: Sendable {
    private var entries: [(at: Date, id: Int)] = []

    var isEmpty: Bool { entries.isEmpty }
    var first: (at: Date, id: Int)? { entries.first }

    mutating func push(_ at: Date, _ id: Int) {
        entries.append((at, id))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (at: Date, id: Int)? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let top = entries.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count && less(left, smallest) { smallest = left }
            if right < entries.count && less(right, smallest) { smallest = right }
            if smallest == parent { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        entries[a].at < entries[b].at || (entries[a].at == entries[b].at && entries[a].id < entries[b].id)
    }
}
