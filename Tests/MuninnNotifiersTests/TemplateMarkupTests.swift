import Foundation
import MuninnCore
import Testing

@testable import MuninnNotifiers

/// Escaping of cluster values per markup, cutting rendered text without breaking markup, and the HTML checks.
@Suite struct TemplateMarkupTests {
    static let hostile = "*evil* _x_ ~y~ `z` <@here> <!channel> [x](http://y) &amp; @all"

    @Test func slackValuesCannotMentionLinkOrFormat() {
        let value = TemplateMarkup.slackMrkdwn.inline(Self.hostile)
        #expect(!value.contains("<") && !value.contains(">") && !value.contains("`"))
        #expect(!value.contains("*evil*") && !value.contains("_x_") && !value.contains("~y~"))
        #expect(value.replacingOccurrences(of: "\u{200B}", with: "").hasPrefix("*evil* _x_ ~y~ ˋzˋ &lt;@here&gt; &lt;!channel&gt; [x](http://y) &amp;amp; @all"))
    }

    @Test func everyMarkupKeepsHostileValuesInert() {
        #expect(TemplateMarkup.telegramHTML.inline(Self.hostile) == "*evil* _x_ ~y~ `z` &lt;@here&gt; &lt;!channel&gt; [x](http://y) &amp;amp; @all")
        #expect(TemplateMarkup.discordMarkdown.inline("*evil* <@1>") == "\\*evil\\* \\<@\u{200B}1\\>")
        #expect(TemplateMarkup.mattermostMarkdown.inline("@channel") == "@\u{200B}channel")
        #expect(TemplateMarkup.dingTalkMarkdown.inline("@13800000000 *x*") == "@\u{200B}13800000000 \\*x\\*")
        #expect(TemplateMarkup.googleChatHTML.inline("<users/all>") == "&lt;users/all&gt;")
        #expect(TemplateMarkup.plainText.inline("a\nb\u{202E}") == "a b")
    }

    @Test func blocksCannotBeClosedFromInside() {
        #expect(TemplateMarkup.slackMrkdwn.block("```\nx") == "```\n`\u{200B}`\u{200B}`\nx\n```")
        #expect(TemplateMarkup.telegramHTML.block("</pre><b>") == "<pre>&lt;/pre&gt;&lt;b&gt;</pre>")
        #expect(TemplateMarkup.googleChatHTML.block("a\n<b>") == "a<br>&lt;b&gt;")
    }

    @Test func cuttingHTMLClosesItsTagsAndNeverSplitsAnEntity() {
        let html = "<b>bold &amp; more</b><pre>some log</pre>"
        #expect(TemplateMarkup.telegramHTML.cut(html, keeping: 11) == "<b>bold </b>\n… (cut to fit the destination's size limit)")
        let cut = TemplateMarkup.telegramHTML.cut(html, keeping: 30)
        #expect(cut.hasPrefix("<b>bold &amp; more</b><pre>som</pre>\n… (cut"))
        #expect(TemplateMarkup.telegramHTML.problem(inRendered: cut) == nil)
    }

    @Test func cuttingMarkdownClosesAnOpenCodeBlock() {
        let cut = TemplateMarkup.slackMrkdwn.cut("*Logs*\n```\nline 1\nline 2\n```", keeping: 20)
        #expect(cut == "*Logs*\n```\nline 1\nli\n```\n… (cut to fit the destination's size limit)")
        #expect(TemplateMarkup.discordMarkdown.cut("ab\\*cd", keeping: 3).hasPrefix("ab\n"))
    }

    @Test func telegramAndGoogleChatHTMLIsChecked() {
        #expect(TemplateMarkup.telegramHTML.problem(inRendered: "<b>x</b> <i>y</i>") == nil)
        #expect(TemplateMarkup.telegramHTML.problem(inRendered: "<div>x</div>")?.hasPrefix("tag <div> is not supported here") == true)
        #expect(TemplateMarkup.telegramHTML.problem(inRendered: "<b>x") == "<b> is never closed")
        #expect(TemplateMarkup.telegramHTML.problem(inRendered: "a & b") == "a bare '&' (write &amp;)")
        #expect(TemplateMarkup.googleChatHTML.problem(inRendered: "<b>x</b><br>y") == nil)
        #expect(TemplateMarkup.slackMrkdwn.problem(inRendered: "<b>") == nil)
    }

    @Test func telegramCountsWhatItShows() {
        #expect(TelegramHTML.visibleLength(ofHTML: "<b>a&lt;b</b>&#128512;") == 5)
    }
}
