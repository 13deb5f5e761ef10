import Foundation

/// Lists the tags of a template that Mustache has already parsed, with their line and column: swift-mustache keeps its
/// tokens to itself, and the checks Muninn adds (unknown variables, unsupported features) must point at a place.
enum TemplateTagScanner {
    static func tags(in source: String) -> [TemplateTag] {
        let characters = Array(source)
        var tags: [TemplateTag] = []
        var open: [Character] = ["{", "{"]
        var close: [Character] = ["}", "}"]
        var index = 0
        var line = 1
        var column = 1
        func advance(to target: Int) {
            while index < target, index < characters.count {
                if characters[index] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }
        func matches(_ delimiter: [Character], at position: Int) -> Bool {
            guard position + delimiter.count <= characters.count else { return false }
            return Array(characters[position..<(position + delimiter.count)]) == delimiter
        }
        func find(_ delimiter: [Character], from position: Int) -> Int? {
            var cursor = position
            while cursor + delimiter.count <= characters.count {
                if matches(delimiter, at: cursor) { return cursor }
                cursor += 1
            }
            return nil
        }
        while let start = find(open, from: index) {
            advance(to: start)
            let tagLine = line
            let tagColumn = column
            var contentStart = start + open.count
            var closing = close
            // The triple form only exists with the default delimiters.
            if open == ["{", "{"], contentStart < characters.count, characters[contentStart] == "{" {
                contentStart += 1
                closing = ["}", "}", "}"]
            }
            guard let end = find(closing, from: contentStart) else { break }
            let content = String(characters[contentStart..<end])
            let isTriple = closing.count == 3
            let tag = classify(content, triple: isTriple, line: tagLine, column: tagColumn)
            tags.append(tag)
            if tag.kind == .delimiters {
                let parts = tag.name.split(whereSeparator: \.isWhitespace)
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            }
            advance(to: end + closing.count)
        }
        return tags
    }

    private static func classify(_ content: String, triple: Bool, line: Int, column: Int) -> TemplateTag {
        func trimmed(_ text: Substring) -> String { text.trimmingCharacters(in: .whitespaces) }
        guard !triple, let sigil = content.first else {
            return TemplateTag(kind: .variable, name: trimmed(Substring(content)), line: line, column: column)
        }
        let rest = content.dropFirst()
        switch sigil {
        case "#": return TemplateTag(kind: .section, name: trimmed(rest), line: line, column: column)
        case "^": return TemplateTag(kind: .invertedSection, name: trimmed(rest), line: line, column: column)
        case "/": return TemplateTag(kind: .close, name: trimmed(rest), line: line, column: column)
        case "!": return TemplateTag(kind: .comment, name: "", line: line, column: column)
        case "&": return TemplateTag(kind: .variable, name: trimmed(rest), line: line, column: column)
        case "=":
            let inner = rest.hasSuffix("=") ? rest.dropLast() : rest
            return TemplateTag(kind: .delimiters, name: trimmed(inner), line: line, column: column)
        case ">": return TemplateTag(kind: .unsupported("partials ({{>name}})"), name: trimmed(rest), line: line, column: column)
        case "$", "<":
            return TemplateTag(kind: .unsupported("template inheritance ({{\(sigil)name}})"), name: trimmed(rest), line: line, column: column)
        case "%": return TemplateTag(kind: .unsupported("pragmas ({{%…}})"), name: trimmed(rest), line: line, column: column)
        default: return TemplateTag(kind: .variable, name: trimmed(Substring(content)), line: line, column: column)
        }
    }
}
