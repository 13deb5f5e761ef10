import Foundation

/// Escaping for text that reaches a page. Everything from a cluster (names, messages, logs, events) is
/// hostile: it goes through `escape` for text and attributes alike, so `<script>` in a log renders as text.
enum HTML {
    /// Escapes `& < > " '` and shows control characters (terminal escapes in logs) as their visible symbols.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20:
                // U+2400 "Control Pictures": ESC shows as ␛ rather than being dropped or interpreted.
                result.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case "\u{7F}": result += "\u{2421}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Escapes an optional value, `-` when absent.
    static func escape(_ text: String?, absent: String = "-") -> String { text.map(escape) ?? absent }

    /// Percent-encodes a query value for a link (`href="/?namespace=..."`); the result still goes through `escape`.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
