/// Telegram's HTML parse mode for text that came from the cluster, built together with the length
/// Telegram will count: the 4,096 limit applies to the text *after* entity parsing, in UTF-16 units.
public struct TelegramHTML: Sendable, Equatable {
    /// What is sent as `text` with `parse_mode: HTML`.
    public private(set) var html = ""
    /// UTF-16 units of the text as Telegram shows it (tags removed, entities decoded).
    public private(set) var visibleLength = 0

    public init() {}

    /// Only `<`, `>` and `&` need escaping outside tags (quotes only inside attributes, never used here).
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        // Scalar by scalar: a combining mark after `<` makes one Character that is not "<", yet Slack and
        // Telegram still read the `<`.
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Appends `text` escaped, inside `tag` (`b`, `i`, `pre`, `code`) when given.
    public mutating func append(_ text: String, tag: String? = nil) {
        let clean = PlainText.sanitized(text)
        if let tag { html += "<\(tag)>" + Self.escaped(clean) + "</\(tag)>" } else { html += Self.escaped(clean) }
        visibleLength += clean.utf16.count
    }
}
