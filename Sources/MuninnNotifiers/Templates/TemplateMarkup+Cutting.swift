import Foundation

/// Cutting rendered template text to a destination's limit without breaking its markup, and checking what a template
/// author wrote around the values.
extension TemplateMarkup {
    /// The first `count` characters of `text` with a note that the rest was cut; never ends inside a tag, an entity or an
    /// escape, and closes what was left open (HTML tags, a code fence).
    public func cut(_ text: String, keeping count: Int) -> String {
        guard text.count > count else { return text }
        var kept: String
        switch self {
        case .telegramHTML: kept = HTMLSubset.telegram.prefix(text, count)
        case .googleChatHTML: kept = HTMLSubset.googleChat.prefix(text, count)
        case .slackMrkdwn, .discordMarkdown, .mattermostMarkdown, .dingTalkMarkdown:
            kept = String(text.prefix(count))
            // `&amp;` or `\*` cut in half would show as text or escape the note.
            if let ampersand = kept.lastIndex(of: "&"), !kept[ampersand...].contains(";"), kept.distance(from: ampersand, to: kept.endIndex) <= 6 {
                kept = String(kept[..<ampersand])
            }
            while kept.hasSuffix("\\") { kept.removeLast() }
            if kept.components(separatedBy: "```").count % 2 == 0 { kept += "\n```" }
        case .plainText:
            kept = String(text.prefix(count))
        }
        let separator = self == .googleChatHTML ? "<br>" : self == .dingTalkMarkdown ? "\n\n" : "\n"
        return kept + separator + inline(Self.cutNote)
    }

    /// What ends a message cut to its destination's limit.
    static let cutNote = "… (cut to fit the destination's size limit)"

    /// What the destination would refuse in a rendered template (a tag it does not know, an unclosed one, a bare `&`),
    /// or nil. Only the HTML dialects are checked: markdown shows what it cannot read as text.
    public func problem(inRendered text: String) -> String? {
        switch self {
        case .telegramHTML: HTMLSubset.telegram.problem(in: text)
        case .googleChatHTML: HTMLSubset.googleChat.problem(in: text.replacingOccurrences(of: "<br>", with: "\n"))
        default: nil
        }
    }
}
