/// A shortest edit script between two lists of lines (Myers' O((N+M)·D) algorithm) after trimming the common
/// head and tail. The work is bounded: past ``maximumEdits`` differences the middle is reported as replaced
/// wholesale, which is still a correct (if longer) diff.
enum LineDiff {
    enum Edit: Equatable {
        case same(old: Int, new: Int)
        case delete(old: Int)
        case insert(new: Int)
    }

    static let maximumEdits = 1_000

    static func edits(_ old: [String], _ new: [String], maximumEdits: Int = maximumEdits) -> [Edit] {
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let oldMiddle = Array(old[head..<(old.count - tail)])
        let newMiddle = Array(new[head..<(new.count - tail)])

        var result: [Edit] = (0..<head).map { .same(old: $0, new: $0) }
        let middle = myers(oldMiddle, newMiddle, maximumEdits: maximumEdits)
            ?? (oldMiddle.indices.map { Edit.delete(old: $0) } + newMiddle.indices.map { Edit.insert(new: $0) })
        for edit in middle {
            switch edit {
            case .same(let o, let n): result.append(.same(old: o + head, new: n + head))
            case .delete(let o): result.append(.delete(old: o + head))
            case .insert(let n): result.append(.insert(new: n + head))
            }
        }
        for offset in 0..<tail { result.append(.same(old: old.count - tail + offset, new: new.count - tail + offset)) }
        return result
    }

    /// The edit script, or nil when it needs more than `maximumEdits` insertions and deletions.
    private static func myers(_ a: [String], _ b: [String], maximumEdits: Int) -> [Edit]? {
        let n = a.count, m = b.count
        if n == 0 { return b.indices.map { .insert(new: $0) } }
        if m == 0 { return a.indices.map { .delete(old: $0) } }
        let limit = min(n + m, maximumEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d] holds v[-d...d] as it was before step d: O(D²) memory, bounded by the limit.
        var trace: [[Int]] = []
        for d in 0...limit {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m { return backtrack(trace: trace, n: n, m: m) }
            }
        }
        return nil
    }

    private static func backtrack(trace: [[Int]], n: Int, m: Int) -> [Edit] {
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            func at(_ k: Int) -> Int { v[k + d] }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : at(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                edits.append(.same(old: x, new: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(.insert(new: y))
                } else {
                    x -= 1
                    edits.append(.delete(old: x))
                }
            }
        }
        return edits.reversed()
    }
}
