/// A unified diff as `diff -u` prints it: `---`/`+++` headers, `@@ -l,c +l,c @@` hunks with ``context`` lines
/// around each change (a count of 1 is left out; an empty side starts at the line before it), hunks closer than
/// twice the context merged.
enum UnifiedDiff {
    static let context = 3
    /// Lines of each side that are compared; a longer manifest is compared on its first lines only, and the
    /// output says so.
    static let maximumLines = 20_000

    static func render(old: [String], new: [String], oldLabel: String, newLabel: String) -> String {
        var notes: [String] = []
        var old = old, new = new
        if old.count > maximumLines || new.count > maximumLines {
            notes.append("# only the first \(maximumLines) lines of each manifest were compared")
            old = Array(old.prefix(maximumLines))
            new = Array(new.prefix(maximumLines))
        }
        let edits = LineDiff.edits(old, new)
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var output = notes + ["--- \(oldLabel)", "+++ \(newLabel)"]
        for hunk in hunks(edits) {
            output.append(header(hunk, in: edits))
            for edit in hunk {
                switch edit {
                case .same(let o, _): output.append(" " + old[o])
                case .delete(let o): output.append("-" + old[o])
                case .insert(let n): output.append("+" + new[n])
                }
            }
        }
        return output.joined(separator: "\n") + "\n"
    }

    /// Runs of edits around changes, each with up to `context` unchanged lines on either side.
    private static func hunks(_ edits: [LineDiff.Edit]) -> [ArraySlice<LineDiff.Edit>] {
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard let first = changed.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = max(0, first - context)
        var end = min(edits.count - 1, first + context)
        for index in changed.dropFirst() {
            if index - context <= end + 1 {
                end = min(edits.count - 1, index + context)
            } else {
                ranges.append(start...end)
                start = index - context
                end = min(edits.count - 1, index + context)
            }
        }
        ranges.append(start...end)
        return ranges.map { edits[$0] }
    }

    private static func header(_ hunk: ArraySlice<LineDiff.Edit>, in edits: [LineDiff.Edit]) -> String {
        // Lines of each side before the hunk: where an empty side is said to start.
        var oldBefore = 0, newBefore = 0
        for edit in edits[..<hunk.startIndex] {
            switch edit {
            case .same:
                oldBefore += 1
                newBefore += 1
            case .delete: oldBefore += 1
            case .insert: newBefore += 1
            }
        }
        var oldCount = 0, newCount = 0
        for edit in hunk {
            switch edit {
            case .same:
                oldCount += 1
                newCount += 1
            case .delete: oldCount += 1
            case .insert: newCount += 1
            }
        }
        return "@@ -\(range(start: oldBefore, count: oldCount)) +\(range(start: newBefore, count: newCount)) @@"
    }

    private static func range(start: Int, count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }
}
