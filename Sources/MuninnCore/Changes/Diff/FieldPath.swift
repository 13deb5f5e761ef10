import Foundation

/// A path into a manifest in the syntax of ``FieldChange/path`` and ``DiffPolicy/ignoredPaths``:
/// `spec.template.spec.containers[name=web].image`, `spec.template.spec.containers[0].args[2]`,
/// `metadata.annotations["example.com/owner"]` (a key with dots or brackets is quoted), and in ignored paths
/// `[*]` for every item of a list.
struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    enum Segment: Hashable, Sendable {
        /// A member of an object.
        case key(String)
        /// A list item by position.
        case index(Int)
        /// A list item by the value of one of its fields (`[name=web]`).
        case match(field: String, value: String)
        /// Every item of a list (ignored paths only).
        case anyItem
    }

    var segments: [Segment]

    init(_ segments: [Segment] = []) {
        self.segments = segments
    }

    func appending(_ segment: Segment) -> FieldPath {
        FieldPath(segments + [segment])
    }

    var description: String {
        var text = ""
        for segment in segments {
            switch segment {
            case .key(let key):
                if Self.isPlainKey(key) {
                    text += text.isEmpty ? key : ".\(key)"
                } else {
                    text += "[\"\(Self.escaped(key))\"]"
                }
            case .index(let index): text += "[\(index)]"
            case .match(let field, let value): text += "[\(field)=\(value)]"
            case .anyItem: text += "[*]"
            }
        }
        return text
    }

    /// Keys that read unambiguously after a dot.
    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0 != "." && $0 != "[" && $0 != "]" && $0 != "\"" && $0 != "\\" && !$0.isWhitespace }
    }

    private static func escaped(_ key: String) -> String {
        var result = ""
        for character in key {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Parses the text form; nil when it is not a path (an unclosed bracket, an empty key).
    init?(parsing text: String) {
        var segments: [Segment] = []
        let characters = Array(text.trimmingCharacters(in: .whitespaces))
        var position = 0
        var key = ""
        var expectKey = true

        func flushKey() -> Bool {
            guard !key.isEmpty else { return !expectKey }
            segments.append(.key(key))
            key = ""
            return true
        }

        while position < characters.count {
            let character = characters[position]
            switch character {
            case ".":
                guard flushKey() else { return nil }
                expectKey = true
                position += 1
            case "[":
                if !key.isEmpty { segments.append(.key(key)) }
                key = ""
                guard let (segment, next) = Self.bracket(characters, from: position) else { return nil }
                segments.append(segment)
                position = next
                expectKey = false
            default:
                key.append(character)
                expectKey = false
                position += 1
            }
        }
        if !key.isEmpty { segments.append(.key(key)) } else if expectKey { return nil }
        guard !segments.isEmpty else { return nil }
        self.segments = segments
    }

    /// The segment in brackets starting at `start` (the `[`), and the position after its `]`.
    private static func bracket(_ characters: [Character], from start: Int) -> (Segment, Int)? {
        var position = start + 1
        guard position < characters.count else { return nil }
        if characters[position] == "\"" {
            var key = ""
            position += 1
            while position < characters.count, characters[position] != "\"" {
                if characters[position] == "\\", position + 1 < characters.count { position += 1 }
                key.append(characters[position])
                position += 1
            }
            guard position + 1 < characters.count, characters[position + 1] == "]", !key.isEmpty else { return nil }
            return (.key(key), position + 2)
        }
        var inside = ""
        while position < characters.count, characters[position] != "]" {
            inside.append(characters[position])
            position += 1
        }
        guard position < characters.count, !inside.isEmpty else { return nil }
        let next = position + 1
        if inside == "*" { return (.anyItem, next) }
        if let index = Int(inside), index >= 0 { return (.index(index), next) }
        guard let equals = inside.firstIndex(of: "=") else { return nil }
        let field = String(inside[..<equals])
        let value = String(inside[inside.index(after: equals)...])
        guard !field.isEmpty, !value.isEmpty else { return nil }
        return (.match(field: field, value: value), next)
    }
}
