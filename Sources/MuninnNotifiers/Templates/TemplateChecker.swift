/// Checks a parsed template's tags against the variables a message has: every name must exist where it is used, and the
/// features Muninn leaves out (partials, inheritance, pragmas, transforms) are refused with where they are.
enum TemplateChecker {
    static func check(_ source: String, schema: [String: TemplateSchema]) throws(TemplateError) {
        // Each open section adds the names its items or object bring; a flag section brings none.
        var scopes: [[String: TemplateSchema]] = []
        var itemIsValue: [Bool] = []
        for tag in TemplateTagScanner.tags(in: source) {
            switch tag.kind {
            case .comment, .delimiters:
                continue
            case .unsupported(let what):
                throw TemplateError(line: tag.line, column: tag.column, message: "\(what) are not supported in Muninn templates")
            case .close:
                if !scopes.isEmpty {
                    scopes.removeLast()
                    itemIsValue.removeLast()
                }
            case .variable, .section, .invertedSection:
                let found = try resolve(tag, scopes: scopes, root: schema, insideValueList: itemIsValue.last ?? false)
                if tag.kind == .section {
                    scopes.append(found?.members ?? [:])
                    // `{{.}}` is the item of a list of texts, or the value a section on a text shows.
                    itemIsValue.append(found == .value || found == .list(.value))
                } else if tag.kind == .invertedSection {
                    scopes.append([:])
                    itemIsValue.append(false)
                }
            }
        }
    }

    /// The schema of the name a tag uses; nil for `.` (the current item).
    private static func resolve(
        _ tag: TemplateTag, scopes: [[String: TemplateSchema]], root: [String: TemplateSchema], insideValueList: Bool
    ) throws(TemplateError) -> TemplateSchema? {
        let name = tag.name
        if name.contains("(") || name.contains(")") {
            throw TemplateError(line: tag.line, column: tag.column, message: "transforms such as '\(name)' are not supported in Muninn templates")
        }
        if name == "." {
            guard insideValueList else {
                throw TemplateError(line: tag.line, column: tag.column, message: "'{{.}}' only means something inside a list section such as {{#events}}")
            }
            return nil
        }
        guard !name.isEmpty else { throw TemplateError(line: tag.line, column: tag.column, message: "empty tag") }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            throw TemplateError(line: tag.line, column: tag.column, message: "'\(name)' is not a variable name")
        }
        var candidates = scopes.reversed().map { $0 }
        candidates.append(root)
        guard var current = candidates.lazy.compactMap({ $0[parts[0]] }).first else {
            throw unknown(parts[0], in: candidates.flatMap(\.keys), tag: tag, full: name)
        }
        for part in parts.dropFirst() {
            guard let members = current.members, let next = members[part] else {
                throw unknown(part, in: current.members.map { Array($0.keys) } ?? [], tag: tag, full: name)
            }
            current = next
        }
        return current
    }

    private static func unknown(_ part: String, in known: [String], tag: TemplateTag, full: String) -> TemplateError {
        var message = "unknown variable '\(full)'"
        if let suggestion = closest(to: part, in: known) { message += " (did you mean '\(suggestion)'?)" }
        message += "; the variables are listed in docs/templates.md"
        return TemplateError(line: tag.line, column: tag.column, message: message)
    }

    /// The known name nearest to a misspelt one, when it is near enough to be what was meant.
    static func closest(to name: String, in known: [String]) -> String? {
        let scored = known.map { ($0, distance(name.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let (best, score) = scored, score <= max(1, name.count / 3) else { return nil }
        return best
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
