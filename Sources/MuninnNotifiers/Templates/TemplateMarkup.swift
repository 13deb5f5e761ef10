import Foundation

/// The markup a template's output is read as by its destination, and how values from the cluster are escaped for it
/// before they reach the template.
///
/// Templates are rendered with Mustache's own (HTML) escaping turned off: `{{pod}}` and `{{{pod}}}` both give the value
/// escaped for this markup, so no pod name, log line or Event can format, link or mention, whichever form the author writes.
public enum TemplateMarkup: String, Sendable, CaseIterable {
    /// Slack mrkdwn (section text, the notification fallback).
    case slackMrkdwn
    /// Telegram's HTML parse mode.
    case telegramHTML
    /// Discord markdown (embed title and description).
    case discordMarkdown
    /// Mattermost markdown.
    case mattermostMarkdown
    /// DingTalk's markdown subset.
    case dingTalkMarkdown
    /// Google Chat card text: a small HTML subset.
    case googleChatHTML
    /// Text shown as written: Teams `TextRun`s, Feishu `plain_text`, Slack headers, PagerDuty's summary.
    case plainText

    /// A value on one line, escaped so that it shows as written.
    public func inline(_ text: String) -> String {
        switch self {
        case .slackMrkdwn: Self.slackInline(text)
        case .telegramHTML: TelegramHTML.escaped(PlainText.singleLine(text))
        case .discordMarkdown: DiscordMarkdown.escaped(text)
        case .mattermostMarkdown: MattermostMarkdown.escaped(text)
        case .dingTalkMarkdown: DingTalkMarkdown.escaped(text)
        case .googleChatHTML: TelegramHTML.escaped(PlainText.singleLine(text))
        case .plainText: PlainText.singleLine(text)
        }
    }

    /// Several lines (a log, Events, a diff) as a complete block nothing inside can break out of: a code block, `<pre>`,
    /// quote lines for DingTalk (which has no code blocks), or line breaks for Google Chat.
    public func block(_ text: String) -> String {
        switch self {
        case .slackMrkdwn: SlackText.codeBlock(text)
        case .telegramHTML: "<pre>" + TelegramHTML.escaped(Self.nonEmpty(PlainText.sanitized(text))) + "</pre>"
        case .discordMarkdown: DiscordMarkdown.codeBlock(text)
        case .mattermostMarkdown: MattermostMarkdown.codeBlock(text)
        case .dingTalkMarkdown: DingTalkMarkdown.quoted(Self.nonEmpty(text))
        case .googleChatHTML: GoogleChatCard.html(Self.nonEmpty(text))
        case .plainText: PlainText.sanitized(text)
        }
    }

    /// A link from Muninn's own configuration (the dashboard), percent-encoded already: only what the markup itself
    /// reads inside a link is encoded (`&` for Slack and HTML); markdown takes the URL as it is.
    public func url(_ url: String) -> String {
        switch self {
        case .slackMrkdwn: SlackText.escaped(url)
        case .telegramHTML, .googleChatHTML: TelegramHTML.escaped(url)
        case .discordMarkdown, .mattermostMarkdown, .dingTalkMarkdown, .plainText: url
        }
    }

    /// Slack has no escape for `*`, `_` and `~`: a zero-width space on each side keeps them from pairing into
    /// formatting; a backtick becomes a look-alike (U+02CB) so it cannot open code. `&`, `<` and `>` are encoded, so
    /// no `<!here>`, `<@U123>` or `<https://x|label>` can form.
    static func slackInline(_ text: String) -> String {
        var result = ""
        for character in SlackText.escaped(PlainText.singleLine(text)) {
            switch character {
            case "*", "_", "~": result += "\u{200B}\(character)\u{200B}"
            case "`": result += "\u{02CB}"
            default: result.append(character)
            }
        }
        return result
    }

    private static func nonEmpty(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "(empty)" : text
    }
}
