import Testing

@testable import MuninnNotifiers

/// Found while writing the log-text fuzz target's invariant (no raw `<` or `>` in escaped text): the escapers
/// walked Characters, and `<` followed by a combining mark (U+0301) is one Character that is not "<", so it went
/// through unescaped: Slack saw a raw `<` and Telegram would refuse the whole message (HTML it cannot parse).
/// Escaping now works on Unicode scalars.
@Suite struct CombiningMarkEscapingTests {
    static let hostile = "a<\u{301}!channel> <\u{301}@U123> &\u{301}amp; *\u{301}bold* [\u{301}x](y) @\u{301}all"

    static func holdsMarkup(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "<" || $0 == ">" }
    }

    @Test func slackEscapesAngleBracketsCarryingACombiningMark() {
        for escaped in [SlackText.escaped(Self.hostile), SlackText.plain(Self.hostile), SlackText.inlineCode(Self.hostile), SlackText.codeBlock(Self.hostile)] {
            #expect(!Self.holdsMarkup(escaped), "\(escaped.debugDescription)")
        }
        #expect(SlackText.escaped("<\u{301}") == "&lt;\u{301}")
    }

    @Test func telegramEscapesAngleBracketsCarryingACombiningMark() {
        #expect(!Self.holdsMarkup(TelegramHTML.escaped(Self.hostile)))
        var html = TelegramHTML()
        html.append(Self.hostile, tag: "pre")
        #expect(html.html.hasPrefix("<pre>") && html.html.hasSuffix("</pre>"))
        #expect(!Self.holdsMarkup(String(html.html.dropFirst(5).dropLast(6))))
    }

    @Test func markdownDestinationsEscapeSpecialCharactersCarryingACombiningMark() {
        for escaped in [DingTalkMarkdown.escaped(Self.hostile), DiscordMarkdown.escaped(Self.hostile), MattermostMarkdown.escaped(Self.hostile)] {
            let scalars = Array(escaped.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where ["<", "*", "["].contains(scalar) {
                #expect(index > 0 && scalars[index - 1] == "\\", "\(escaped.debugDescription): \(scalar) at \(index) unescaped")
            }
        }
    }
}
