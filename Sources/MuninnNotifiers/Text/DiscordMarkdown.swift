import Foundation

/// Discord markdown for text that came from the cluster: nothing in it may format, link, quote,
/// make a heading or list, or mention (`allowed_mentions` already stops pings; this stops the
/// text from even looking like `@everyone` or a `<@id>` pill).
public enum DiscordMarkdown {
    /// Discord drops a backslash before any ASCII punctuation and shows the character as it is.
    private static let special: Set<Character> = ["\\", "*", "_", "~", "`", "|", ">", "<", "#", "-", "[", "]", "(", ")", ".", "+", "!", ":"]

    /// One value on one line, every markdown character escaped.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        // Scalar by scalar: a combining mark after `*` or `<` makes one Character the set does not hold.
        for scalar in PlainText.singleLine(text).unicodeScalars {
            if special.contains(Character(scalar)) { result.append("\\") }
            result.unicodeScalars.append(scalar)
            if scalar == "@" { result.append("\u{200B}") }
        }
        return result
    }

    /// A fenced code block nothing inside can close; `@` cannot mention there anyway, but a
    /// zero-width space keeps previews from showing `@everyone`.
    public static func codeBlock(_ text: String) -> String {
        var content = PlainText.sanitized(text)
        while content.contains("``") { content = content.replacingOccurrences(of: "``", with: "`\u{200B}`") }
        if content.hasSuffix("`") { content += "\u{200B}" }
        content = content.replacingOccurrences(of: "@", with: "@\u{200B}")
        if content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { content = "(empty)" }
        return "```\n" + content + "\n```"
    }
}
