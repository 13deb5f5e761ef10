import Foundation

/// DingTalk markdown for text that came from the cluster.
///
/// DingTalk renders a markdown subset (headings, quotes, emphasis, links, images, lists) and has
/// no code blocks, so every character its renderer interprets is backslash-escaped, line-leading
/// list and heading markers are neutralised, and `@` is followed by a zero-width space so that
/// no `@mobile` or `@all` in a log can render as a mention.
public enum DingTalkMarkdown {
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "(", ")", "<", ">", "#", "~", "!", "|", "{", "}"]

    /// One value on one line.
    public static func escaped(_ text: String) -> String {
        escapeLine(PlainText.singleLine(text))
    }

    /// Several lines as a quote block, each line kept as its own line.
    public static func quoted(_ text: String) -> String {
        PlainText.sanitized(text)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                let expanded = String(line).replacingOccurrences(of: "\t", with: "    ")
                // Leading spaces would make an indented code block or a nested list; no-break spaces keep the indentation.
                let indentation = expanded.prefix { $0 == " " }
                let escapedLine = String(repeating: "\u{00A0}", count: indentation.count) + escapeLine(String(expanded.dropFirst(indentation.count)))
                return "> " + (escapedLine.isEmpty ? " " : escapedLine)
            }
            .joined(separator: "  \n")
    }

    private static func escapeLine(_ line: String) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count + 8)
        // Scalar by scalar: a combining mark after `*` or `<` makes one Character the set does not hold.
        for scalar in line.unicodeScalars {
            if special.contains(Character(scalar)) { result.append("\\") }
            result.unicodeScalars.append(scalar)
            if scalar == "@" { result.append("\u{200B}") }
        }
        // Markers that only mean something at the start of a line: list items and numbered lists.
        if let first = result.first, first == "-" || first == "+" {
            result.insert("\\", at: result.startIndex)
        } else if let dot = result.firstIndex(of: "."), result[..<dot].allSatisfy(\.isASCIIDigit), dot != result.startIndex {
            result.insert("\\", at: dot)
        }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
