import Foundation
import Testing

@testable import MuninnNotifiers

@Suite struct LogRedactorTests {
    @Test func redactsBearerTokens() {
        let text = "GET /x Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl\nbearer abc+/def=="
        #expect(LogRedactor.standard.redact(text) == "GET /x Authorization: Bearer [REDACTED]\nbearer [REDACTED]")
    }

    @Test func redactsAWSKeys() {
        let text = "key=AKIAIOSFODNN7EXAMPLE temp ASIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        #expect(LogRedactor.standard.redact(text) == "key=[REDACTED] temp [REDACTED] aws_secret_access_key = [REDACTED]")
    }

    @Test func redactsPrivateKeyBlocksWholeAndCut() {
        let full = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY-----\nafter"
        #expect(LogRedactor.standard.redact(full) == "before\n[REDACTED]\nafter")
        let cut = "before\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg"
        #expect(LogRedactor.standard.redact(cut) == "before\n[REDACTED]")
    }

    @Test func appliesConfiguredPatterns() throws {
        let redactor = try LogRedactor(extraPatterns: [#"password=\S+"#, #"sk_live_[A-Za-z0-9]+"#])
        #expect(redactor.redact("login password=hunter2 key sk_live_abc123 Bearer t0k") == "login [REDACTED] key [REDACTED] Bearer [REDACTED]")
    }

    @Test func rejectsInvalidPatternsByPosition() {
        #expect(throws: LogRedactorError(pattern: "(unclosed", index: 1, reason: "not a valid regular expression")) {
            try LogRedactor(extraPatterns: ["ok", "(unclosed"])
        }
        #expect(throws: LogRedactorError(pattern: "", index: 0, reason: "empty pattern")) { try LogRedactor(extraPatterns: [""]) }
    }

    @Test func leavesOrdinaryTextAlone() {
        let text = "GET /healthz 200 in 3ms; user=alice; AKIA is a prefix"
        #expect(LogRedactor.standard.redact(text) == text)
    }
}

@Suite struct LogTailTests {
    @Test func keepsTheLastLinesAndCounts() {
        let log = (1...100).map { "line \($0)" }.joined(separator: "\n") + "\n\n"
        let tail = LogTail(log, maxLines: 3, maxCharacters: 1_000)
        #expect(tail.text == "line 98\nline 99\nline 100")
        #expect(tail.linesCut == 97)
        let cut = (log.count - 2) - "line 98\nline 99\nline 100".count
        #expect(tail.cutNotice == "97 lines (\(cut) characters) cut from the start")
    }

    @Test func cutsCharactersFromTheStartOfTheKeptText() {
        let tail = LogTail("aaaa\nbbbb\ncccc", maxLines: 10, maxCharacters: 7)
        #expect(tail.text == "bb\ncccc")
        #expect(tail.linesCut == 2)
        #expect(tail.charactersCut == 7)
    }

    @Test func respectsAByteBudgetWithoutSplittingCharacters() {
        let tail = LogTail("ééééé\n終わり", maxLines: 10, maxCharacters: 100, maxUTF8Bytes: 12)
        #expect(tail.text == "é\n終わり")
        #expect(tail.text.utf8.count <= 12)
    }

    @Test func untouchedWhenWithinBudget() {
        let tail = LogTail("a\nb", maxLines: 10, maxCharacters: 100)
        #expect(tail.text == "a\nb")
        #expect(!tail.isTruncated)
        #expect(tail.cutNotice == nil)
    }

    @Test func aLogExactlyAtItsBudgetsIsKeptWholeAndOneByteOverIsCut() {
        // Multi-byte characters and lines near each budget: the shortcut for a log within budget must give what the
        // general cut gives.
        let log = "é\n終わり\n\n" + String(repeating: "x", count: 20) + "\n\n\n"
        let kept = "é\n終わり\n\n" + String(repeating: "x", count: 20)
        let bytes = kept.utf8.count
        let whole = LogTail(log, maxLines: 4, maxCharacters: kept.unicodeScalars.count, maxUTF8Bytes: bytes)
        #expect(whole.text == kept && !whole.isTruncated)
        let byBytes = LogTail(log, maxLines: 100, maxCharacters: 100, maxUTF8Bytes: bytes)
        #expect(byBytes.text == kept && !byBytes.isTruncated)
        let oneByteOver = LogTail(log, maxLines: 100, maxCharacters: 100, maxUTF8Bytes: bytes - 1)
        #expect(oneByteOver.text == "\n終わり\n\n" + String(repeating: "x", count: 20))
        #expect(oneByteOver.linesCut == 1 && oneByteOver.charactersCut == 1)
        let oneLineOver = LogTail(log, maxLines: 3, maxCharacters: 100)
        #expect(oneLineOver.text == "終わり\n\n" + String(repeating: "x", count: 20))
        #expect(LogTail("\n \t\r\n", maxLines: 0, maxCharacters: 0).text.isEmpty)
    }
}

@Suite struct EscapingTests {
    @Test func slackEscapesOnlyTheThreeControlCharacters() {
        #expect(SlackText.escaped("<!channel> & it's \"x\" >") == "&lt;!channel&gt; &amp; it's \"x\" &gt;")
    }

    @Test func slackInlineCodeCannotBeClosed() {
        #expect(SlackText.inlineCode("a`b\nc\u{1B}") == "`a\u{02CB}b c`")
        #expect(SlackText.inlineCode("  ") == "_(empty)_")
    }

    @Test func slackCodeBlockCannotBeClosed() {
        let block = SlackText.codeBlock("x\n```\n<@U1>\n````")
        #expect(block.hasPrefix("```\n") && block.hasSuffix("\n```"))
        let inner = block.dropFirst(4).dropLast(4)
        #expect(!inner.contains("``"))
        #expect(inner.contains("&lt;@U1&gt;"))
    }

    @Test func dingTalkEscapesMarkdownAndMentions() {
        #expect(DingTalkMarkdown.escaped("**x** @all [a](b)") == "\\*\\*x\\*\\* @\u{200B}all \\[a\\]\\(b\\)")
        #expect(DingTalkMarkdown.escaped("- item") == "\\- item")
        #expect(DingTalkMarkdown.escaped("1. item") == "1\\. item")
        #expect(DingTalkMarkdown.quoted("# h\n  indented") == "> \\# h  \n> \u{00A0}\u{00A0}indented")
    }

    @Test func controlCharactersAndBidiOverridesAreDropped() {
        #expect(PlainText.sanitized("a\u{0}b\u{7}c\r\n\td\u{202E}e\u{85}") == "abc\n\tde")
    }
}
