import Foundation

/// Mattermost markdown for text that came from the cluster. Markdown characters are
/// backslash-escaped; `@` and `~` get a zero-width space after them so no `@channel`, `@user` or
/// `~town-square` becomes a mention or a channel link; `<` gets one too, because the server
/// translates Slack's `<!channel>` before rendering.
public enum MattermostMarkdown {
    private static let special: Set<Character> = ["\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", ">", "<", "~", ":"]

    /// One value on one line.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        // Scalar by scalar: a combining mark after `*` or `<` makes one Character the set does not hold.
        for scalar in PlainText.singleLine(text).unicodeScalars {
            if special.contains(Character(scalar)) { result.append("\\") }
            result.unicodeScalars.append(scalar)
            if scalar == "@" || scalar == "~" || scalar == "<" { result.append("\u{200B}") }
        }
        return result
    }

    /// A fenced code block nothing inside can close or turn into a mention.
    public static func codeBlock(_ text: String) -> String {
        var content = PlainText.sanitized(text)
        while content.contains("``") { content = content.replacingOccurrences(of: "``", with: "`\u{200B}`") }
        while content.contains("~~") { content = content.replacingOccurrences(of: "~~", with: "~\u{200B}~") }
        content = content.replacingOccurrences(of: "@", with: "@\u{200B}").replacingOccurrences(of: "<", with: "<\u{200B}")
        if content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { content = "(empty)" }
        return "```\n" + content + "\n```"
    }
}
