/// Finds a table header toml++ cannot survive: one whose name starts with a character no key can start with
/// (`[{handler]]`), or with no name on its line (`[[` then a newline).
///
/// toml++ (under TOMLKit) reaches an `assert` on such a header and aborts the process instead of reporting an
/// error (found by the kwatchman-toml fuzz target; Fuzz/regressions/kwatchman-toml). This check runs first, so a
/// typo in a kwatchman file is a clear error. It reads Unicode scalars, never Characters (a combining mark after
/// `[` would hide the bracket), and tracks multi-line strings and arrays, where a line may start with `[` without
/// being a header.
enum TOMLHeaderCheck {
    /// The 1-based line and the problem, or nil when every header starts well.
    static func problem(in text: String) -> (line: Int, message: String)? {
        var openArrays = 0
        var multilineDelimiter: [Unicode.Scalar]?
        let lines = Array(text.unicodeScalars).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            var rest = line[...]
            if let delimiter = multilineDelimiter {
                guard let end = firstRange(of: delimiter, in: rest) else { continue }
                rest = rest[end...]
                multilineDelimiter = nil
            }
            let trimmed = rest.drop { $0 == " " || $0 == "\t" }
            if openArrays == 0, trimmed.first == "[" {
                var name = trimmed.dropFirst()
                if name.first == "[" { name = name.dropFirst() }
                name = name.drop { $0 == " " || $0 == "\t" }
                guard let first = name.first, first != "\r" else { return (index + 1, "a table header needs a name on its line") }
                guard startsAKey(first) || first == "]" else {
                    return (index + 1, "a table name cannot start with '\(first.escaped(asASCII: true))'")
                }
                continue
            }
            scan(rest, openArrays: &openArrays, multilineDelimiter: &multilineDelimiter)
        }
        return nil
    }

    private static func startsAKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }

    /// The index just after the first occurrence of `needle` in `haystack`.
    private static func firstRange(of needle: [Unicode.Scalar], in haystack: ArraySlice<Unicode.Scalar>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.startIndex
        while start + needle.count <= haystack.endIndex {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return start + needle.count }
            start += 1
        }
        return nil
    }

    /// Counts brackets outside strings and comments, and notices a multi-line string left open.
    private static func scan(_ line: ArraySlice<Unicode.Scalar>, openArrays: inout Int, multilineDelimiter: inout [Unicode.Scalar]?) {
        var index = line.startIndex
        while index < line.endIndex {
            let scalar = line[index]
            if scalar == "#" { return }
            if scalar == "\"" || scalar == "'" {
                let triple = [scalar, scalar, scalar]
                if line[index...].starts(with: triple) {
                    guard let end = firstRange(of: triple, in: line[(index + 3)...]) else {
                        multilineDelimiter = triple
                        return
                    }
                    index = end
                    continue
                }
                var cursor = index + 1
                while cursor < line.endIndex, line[cursor] != scalar {
                    if scalar == "\"", line[cursor] == "\\" { cursor += 1 }
                    cursor += 1
                }
                index = min(cursor + 1, line.endIndex)
                continue
            }
            if scalar == "[" { openArrays += 1 }
            if scalar == "]" { openArrays = max(0, openArrays - 1) }
            index += 1
        }
    }
}
