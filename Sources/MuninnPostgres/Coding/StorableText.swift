import Foundation

/// PostgreSQL's TEXT and JSONB cannot hold the NUL character, which a log line, a termination message or a
/// destination's answer may contain. Refusing such a value would block the outbox behind it forever, so NUL
/// becomes U+FFFD (the replacement character), the only change the store makes to what it is given.
enum StorableText {
    static let replacement = "\u{FFFD}"

    static func text(_ value: String) -> String {
        value.utf8.contains(0) ? value.replacingOccurrences(of: "\0", with: replacement) : value
    }

    static func text(_ value: String?) -> String? {
        value.map { text($0) }
    }

    /// `json` with every `\u0000` escape replaced by `\ufffd`; an escaped backslash followed by `u0000` is
    /// text, not an escape, and stays.
    static func json(_ json: String) -> String {
        guard json.contains("\\u0000") else { return json }
        var result = ""
        result.reserveCapacity(json.utf8.count)
        var characters = Substring(json)
        while let backslash = characters.firstIndex(of: "\\") {
            result += characters[..<backslash]
            let escape = characters[backslash...]
            if escape.hasPrefix("\\u0000") {
                result += "\\ufffd"
                characters = escape.dropFirst(6)
            } else {
                // The backslash and the character it escapes (possibly another backslash) go through as they are.
                result += escape.prefix(2)
                characters = escape.dropFirst(2)
            }
        }
        result += characters
        return result
    }
}
