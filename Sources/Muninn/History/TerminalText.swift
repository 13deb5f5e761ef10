import Foundation

/// Text from the cluster made safe for a terminal: logs and messages are hostile input, and an escape
/// sequence in a pod's log must not recolour, retitle or rewrite the reader's terminal.
enum TerminalText {
    /// Control characters (ESC, BEL, CR, ...) and bidirectional overrides shown as `\u{1B}`-style escapes;
    /// tabs become four spaces; newlines are kept only when `keepNewlines` (else they become spaces).
    static func sanitized(_ text: String, keepNewlines: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                result.append(contentsOf: (keepNewlines ? "\n" : " ").unicodeScalars)
            } else if scalar == "\t" {
                result.append(contentsOf: "    ".unicodeScalars)
            } else if scalar.properties.generalCategory == .control || isBidiControl(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Overrides and isolates can make a line display in an order other than its bytes.
    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// The first line of `text`, sanitized, cut to `width` characters with an ellipsis.
    static func oneLine(_ text: String?, width: Int) -> String {
        guard let text else { return "" }
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let clean = sanitized(first).trimmingCharacters(in: .whitespaces)
        guard clean.count > width else { return clean }
        return String(clean.prefix(max(0, width - 1))) + "…"
    }
}
