/// Telegram's HTML parse mode, strictly: only the supported tags, properly nested; `<`, `>` and `&`
/// only as tags and the four named entities (or numeric ones). Returns what the user sees, or the
/// Bot API's "can't parse entities" description.
enum TelegramHTMLParser {
    static let tags: Set<String> = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler", "span", "tg-emoji"]

    static func parse(_ html: String) -> Result<(visible: String, tags: [String]), FakeTelegramParseError> {
        var visible = ""
        var stack: [String] = []
        var used: [String] = []
        let scalars = Array(html.unicodeScalars)
        var index = 0
        func offset() -> Int { String(String.UnicodeScalarView(scalars[..<index])).utf8.count }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "<":
                guard let end = scalars[index...].firstIndex(of: ">") else {
                    return .failure(.init("Can't find end of the entity starting at byte offset \(offset())"))
                }
                let inside = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                if inside.hasPrefix("/") {
                    let name = String(inside.dropFirst()).lowercased()
                    guard stack.last == name else { return .failure(.init("Unmatched end tag at byte offset \(offset()), expected \"</\(stack.last ?? "")>\", found \"</\(name)>\"")) }
                    stack.removeLast()
                } else {
                    let name = String(inside.prefix { $0 != " " }).lowercased()
                    guard tags.contains(name) else { return .failure(.init("Unsupported start tag \"\(name)\" at byte offset \(offset())")) }
                    stack.append(name)
                    used.append(name)
                }
                index = end + 1
            case ">":
                return .failure(.init("Character '>' is reserved and must be escaped at byte offset \(offset())"))
            case "&":
                guard let end = scalars[index...].prefix(10).firstIndex(of: ";") else {
                    return .failure(.init("Character '&' is reserved and must be escaped at byte offset \(offset())"))
                }
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                switch name {
                case "lt": visible += "<"
                case "gt": visible += ">"
                case "amp": visible += "&"
                case "quot": visible += "\""
                default:
                    guard name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let decoded = Unicode.Scalar(code) else {
                        return .failure(.init("Unsupported HTML entity \"&\(name);\" at byte offset \(offset())"))
                    }
                    visible.unicodeScalars.append(decoded)
                }
                index = end + 1
            default:
                visible.unicodeScalars.append(scalar)
                index += 1
            }
        }
        guard stack.isEmpty else { return .failure(.init("Can't find end tag corresponding to start tag \"\(stack.last ?? "")\"")) }
        return .success((visible, used))
    }
}

/// Why the fake could not parse a message's entities.
struct FakeTelegramParseError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
