import Foundation

/// Slack mrkdwn for text that came from the cluster: nothing in it may format, link or mention.
public enum SlackText {
    /// Slack's three control characters; nothing else may be HTML-encoded (it would show literally).
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        // Scalar by scalar: a combining mark after `<` makes one Character that is not "<", yet Slack and
        // Telegram still read the `<`.
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A value shown as inline code on one line: formatting characters have no effect there, and a
    /// backtick that would end the span is replaced by a look-alike (U+02CB).
    public static func inlineCode(_ text: String) -> String {
        let line = PlainText.singleLine(text).replacingOccurrences(of: "`", with: "\u{02CB}")
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return "_(empty)_" }
        return "`" + escaped(line) + "`"
    }

    /// A fenced code block whose content cannot close the fence: runs of backticks are broken with
    /// zero-width spaces.
    public static func codeBlock(_ text: String) -> String {
        var content = PlainText.sanitized(text)
        while content.contains("``") {
            content = content.replacingOccurrences(of: "``", with: "`\u{200B}`")
        }
        if content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { content = "(empty)" }
        return "```\n" + escaped(content) + "\n```"
    }

    /// Plain text for a `text` fallback or notification: one line, escaped.
    public static func plain(_ text: String) -> String {
        escaped(PlainText.singleLine(text))
    }
}
