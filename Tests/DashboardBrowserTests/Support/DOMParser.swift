import Foundation

/// Parses the HTML Chromium serialises for `--dump-dom` back into a tree, so tests check the DOM the browser
/// built (what scripts and people see), not the bytes the server sent. Chromium's serialisation is regular:
/// attribute values in double quotes, `& < > "` and U+00A0 escaped, void elements without an end tag, the
/// contents of `script` and `style` raw. An unmatched end tag closes up to its element, as browsers do.
enum DOMParser {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    /// The root element (`html`), wrapped in a document element named `#document`.
    static func parse(_ html: String) -> DOMElement {
        let document = DOMElement(name: "#document", attributes: [:])
        var stack = [document]
        let scalars = Array(html.unicodeScalars)
        var index = 0
        var text = ""

        func flushText() {
            guard !text.isEmpty else { return }
            stack[stack.count - 1].append(.text(decode(text)))
            text = ""
        }
        func starts(_ prefix: String, at position: Int) -> Bool {
            let characters = Array(prefix.unicodeScalars)
            guard position + characters.count <= scalars.count else { return false }
            return (0..<characters.count).allSatisfy { scalars[position + $0] == characters[$0] }
        }
        func find(_ needle: String, from position: Int) -> Int? {
            var cursor = position
            while cursor < scalars.count {
                if starts(needle, at: cursor) { return cursor }
                cursor += 1
            }
            return nil
        }

        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "<", index + 1 < scalars.count else {
                text.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            let next = scalars[index + 1]
            if starts("<!--", at: index) {
                flushText()
                index = (find("-->", from: index + 4) ?? scalars.count - 3) + 3
            } else if next == "!" || next == "?" {
                flushText()
                index = (find(">", from: index) ?? scalars.count - 1) + 1
            } else if next == "/" {
                flushText()
                let end = find(">", from: index) ?? scalars.count - 1
                let name = String(String.UnicodeScalarView(scalars[(index + 2)..<end])).trimmingCharacters(in: .whitespaces).lowercased()
                if let open = stack.lastIndex(where: { $0.name == name }), open > 0 { stack.removeSubrange(open...) }
                index = end + 1
            } else if next.properties.isAlphabetic {
                flushText()
                var cursor = index + 1
                let (name, attributes, selfClosing, end) = readTag(scalars, from: &cursor)
                let element = DOMElement(name: name, attributes: attributes)
                stack[stack.count - 1].append(.element(element))
                index = end
                if rawTextElements.contains(name) {
                    let close = find("</\(name)", from: index) ?? scalars.count
                    let raw = String(String.UnicodeScalarView(scalars[index..<close]))
                    if !raw.isEmpty { element.append(.text(name == "title" || name == "textarea" ? decode(raw) : raw)) }
                    index = (find(">", from: close) ?? scalars.count - 1) + 1
                } else if !selfClosing && !voidElements.contains(name) {
                    stack.append(element)
                }
            } else {
                text.unicodeScalars.append(scalar)
                index += 1
            }
        }
        flushText()
        return document
    }

    /// Reads `name attr="value" ...>` from just after `<`; returns where the tag ends (after `>`).
    private static func readTag(_ scalars: [Unicode.Scalar], from cursor: inout Int) -> (String, [String: String], Bool, Int) {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" }
        var name = ""
        while cursor < scalars.count, !isSpace(scalars[cursor]), scalars[cursor] != ">", scalars[cursor] != "/" {
            name.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if isSpace(scalar) {
                cursor += 1
                continue
            }
            if scalar == ">" { return (name.lowercased(), attributes, selfClosing, cursor + 1) }
            if scalar == "/" {
                selfClosing = true
                cursor += 1
                continue
            }
            selfClosing = false
            var attribute = ""
            while cursor < scalars.count, !isSpace(scalars[cursor]), scalars[cursor] != "=", scalars[cursor] != ">" {
                attribute.unicodeScalars.append(scalars[cursor])
                cursor += 1
            }
            var value = ""
            if cursor < scalars.count, scalars[cursor] == "=" {
                cursor += 1
                if cursor < scalars.count, scalars[cursor] == "\"" || scalars[cursor] == "'" {
                    let quote = scalars[cursor]
                    cursor += 1
                    while cursor < scalars.count, scalars[cursor] != quote {
                        value.unicodeScalars.append(scalars[cursor])
                        cursor += 1
                    }
                    cursor += 1
                } else {
                    while cursor < scalars.count, !isSpace(scalars[cursor]), scalars[cursor] != ">" {
                        value.unicodeScalars.append(scalars[cursor])
                        cursor += 1
                    }
                }
            }
            attributes[attribute.lowercased()] = decode(value)
        }
        return (name.lowercased(), attributes, selfClosing, cursor)
    }

    /// Character references: the named ones Chromium writes, and numeric ones.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semicolon) <= 10 {
                let entity = String(after[..<semicolon])
                var replacement: String?
                if let value = named[entity] {
                    replacement = value
                } else if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16) {
                    replacement = Unicode.Scalar(code).map { String(Character($0)) }
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()) {
                    replacement = Unicode.Scalar(code).map { String(Character($0)) }
                }
                if let replacement {
                    result += replacement
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
