import KubeJSON

/// A deterministic YAML rendering of a manifest for unified diffs, in kubectl's layout: block style, keys
/// sorted, sequences at their key's indentation, two spaces per level, multi-line strings as literal blocks.
/// Strings that could read as another type or as YAML syntax are double-quoted. Meant for reading; it is valid
/// YAML, but nothing parses it back.
enum ManifestYAML {
    static func lines(_ value: JSONValue) -> [String] {
        switch value {
        case .object(let object) where !object.isEmpty: mapping(object, indent: 0)
        case .array(let items) where !items.isEmpty: sequence(items, indent: 0)
        default: [scalar(value)]
        }
    }

    private static func mapping(_ object: JSONObject, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for member in object.members.sorted(by: { $0.key < $1.key }) {
            let key = pad + quotedIfNeeded(member.key) + ":"
            switch member.value {
            case .object(let child) where !child.isEmpty:
                lines.append(key)
                lines += mapping(child, indent: indent + 2)
            case .array(let items) where !items.isEmpty:
                lines.append(key)
                lines += sequence(items, indent: indent)
            case .string(let text) where literalBlock(text) != nil:
                let (indicator, body) = literalBlock(text) ?? ("|", [])
                lines.append(key + " " + indicator)
                lines += body.map { $0.isEmpty ? "" : String(repeating: " ", count: indent + 2) + $0 }
            default:
                lines.append(key + " " + scalar(member.value))
            }
        }
        return lines
    }

    private static func sequence(_ items: [JSONValue], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for item in items {
            switch item {
            case .object(let child) where !child.isEmpty:
                var nested = mapping(child, indent: indent + 2)
                nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                lines += nested
            case .array(let inner) where !inner.isEmpty:
                lines.append(pad + "-")
                lines += sequence(inner, indent: indent + 2)
            case .string(let text) where literalBlock(text) != nil:
                let (indicator, body) = literalBlock(text) ?? ("|", [])
                lines.append(pad + "- " + indicator)
                lines += body.map { $0.isEmpty ? "" : String(repeating: " ", count: indent + 2) + $0 }
            default:
                lines.append(pad + "- " + scalar(item))
            }
        }
        return lines
    }

    /// `|`, `|-` or `|+` and the lines, for a multi-line string a literal block can hold exactly.
    private static func literalBlock(_ text: String) -> (String, [String])? {
        guard text.contains("\n"), !text.hasPrefix(" "), !text.hasPrefix("\n"),
            !text.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && needsEscape($0) })
        else { return nil }
        var body = text
        var trailing = 0
        while body.hasSuffix("\n") {
            body.removeLast()
            trailing += 1
        }
        let indicator = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+"
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if trailing > 1 { lines += Array(repeating: "", count: trailing - 1) }
        return (indicator, lines)
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double: value.serializedString()
        case .string(let text): quotedIfNeeded(text)
        case .object: "{}"
        case .array: "[]"
        }
    }

    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// `text` as a plain scalar when that reads back as the same string, else double-quoted.
    static func quotedIfNeeded(_ text: String) -> String {
        isPlain(text) ? text : doubleQuoted(text)
    }

    private static func isPlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        let lowered = text.lowercased()
        guard !reserved.contains(lowered), Int64(text) == nil, Double(text) == nil else { return false }
        let allowed: (Unicode.Scalar) -> Bool = { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./@+=:,()%^$ ".unicodeScalars.contains(scalar)
        }
        guard text.unicodeScalars.allSatisfy(allowed), last != " ", last != ":" else { return false }
        guard !text.contains(": "), !text.contains(" #"), !text.contains("  ") else { return false }
        switch first {
        case "0"..."9":
            // `256Mi`, `25%` and `100m` read back as strings; hex/octal/binary, YAML 1.1 sexagesimals (`12:30`),
            // dates and digit groups (`1_000`) would not.
            return !lowered.hasPrefix("0x") && !lowered.hasPrefix("0o") && !lowered.hasPrefix("0b") && !text.contains(":")
                && !text.contains("_") && !(text.count >= 5 && text.unicodeScalars.prefix(4).allSatisfy { ("0"..."9").contains($0) } && text.contains("-"))
                && text.unicodeScalars.contains { $0.properties.isAlphabetic || $0 == "%" }
        case "-":
            // `--port=8080` is a plain string; `-` alone or `- x` would start a list item.
            guard text.unicodeScalars.count > 1 else { return false }
            let second = text.unicodeScalars[text.unicodeScalars.index(after: text.unicodeScalars.startIndex)]
            return second != " "
        default:
            return first.properties.isAlphabetic || first == "/" || first == "_"
        }
    }

    /// Control characters, line separators and bidi overrides: shown as escapes, so a diff cannot hide or
    /// reorder text on a reader's screen.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || [0x2028, 0x2029, 0xFEFF].contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    private static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    result += scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                        : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
