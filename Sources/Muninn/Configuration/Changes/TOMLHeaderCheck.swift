import Foundation

/// Finds a table header whose name starts with a character no key can start with (`[{handler]]`).
///
/// toml++ (under TOMLKit) reaches an `assert` on such a header and aborts the process instead of reporting an
/// error (found by the kwatchman-toml fuzz target; Fuzz/regressions/kwatchman-toml). This check runs first, so a
/// typo in a kwatchman file is a clear error. It tracks multi-line strings and arrays, where a line may start with
/// `[` without being a header.
enum TOMLHeaderCheck {
    /// The 1-based line and the problem, or nil when every header starts well.
    static func problem(in text: String) -> (line: Int, message: String)? {
        var openArrays = 0
        var multilineDelimiter: Substring?
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var rest = Substring(line)
            if let delimiter = multilineDelimiter {
                guard let end = rest.range(of: delimiter) else { continue }
                rest = rest[end.upperBound...]
                multilineDelimiter = nil
            }
            let trimmed = rest.drop { $0 == " " || $0 == "\t" }
            if openArrays == 0, trimmed.first == "[" {
                let name = trimmed.dropFirst(trimmed.hasPrefix("[[") ? 2 : 1).drop { $0 == " " || $0 == "\t" }
                guard let first = name.first, first != "\r" else { return (index + 1, "a table header needs a name on its line") }
                if !(first.isASCII && (first.isLetter || first.isNumber || first == "_" || first == "-"))
                    && first != "\"" && first != "'" && first != "]"
                {
                    return (index + 1, "a table name cannot start with '\(first)'")
                }
                continue
            }
            scan(rest, openArrays: &openArrays, multilineDelimiter: &multilineDelimiter)
        }
        return nil
    }

    /// Counts brackets outside strings and comments, and notices a multi-line string left open.
    private static func scan(_ line: Substring, openArrays: inout Int, multilineDelimiter: inout Substring?) {
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "#" { return }
            if character == "\"" || character == "'" {
                let triple = String(repeating: character, count: 3)
                if line[index...].hasPrefix(triple) {
                    let after = line.index(index, offsetBy: 3)
                    guard let end = line[after...].range(of: triple) else {
                        multilineDelimiter = Substring(triple)
                        return
                    }
                    index = end.upperBound
                    continue
                }
                var cursor = line.index(after: index)
                while cursor < line.endIndex, line[cursor] != character {
                    if character == "\"", line[cursor] == "\\" { cursor = line.index(after: cursor) }
                    if cursor < line.endIndex { cursor = line.index(after: cursor) }
                }
                index = cursor < line.endIndex ? line.index(after: cursor) : cursor
                continue
            }
            if character == "[" { openArrays += 1 }
            if character == "]" { openArrays = max(0, openArrays - 1) }
            index = line.index(after: index)
        }
    }
}
