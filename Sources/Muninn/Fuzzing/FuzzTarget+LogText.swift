import MuninnCore
import MuninnNotifiers

extension FuzzTarget {
    /// The path of log bytes from the cluster into an alert: the enricher's capped, repaired text, the redactor,
    /// the tail a destination keeps, and each destination's escaping. The first two bytes choose the caps.
    /// Escaped text must never hold a `<` or `>` that Slack or Telegram would read as markup.
    static let logText = FuzzTarget(name: "log-text", summary: "log bytes -> capped text -> redaction -> escaping") { bytes in
        guard bytes.count >= 2 else { return nil }
        let maximumBytes = 1 + Int(bytes[0]) * 16
        let maximumLines = Int(bytes[1] % 40) + 1
        let raw = Array(bytes[2...])
        let text = MuninnCoreFuzzing.logText(from: raw, maximumBytes: maximumBytes, maximumLines: maximumLines)
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let lineCount = text.isEmpty ? 0 : text.utf8.last == UInt8(ascii: "\n") ? lines.count - 1 : lines.count
        if lineCount > maximumLines { return "log text kept \(lineCount) lines, limit \(maximumLines)" }

        let redacted = LogRedactor.standard.redact(text)
        let tail = LogTail(redacted, maxLines: maximumLines, maxCharacters: maximumBytes, maxUTF8Bytes: maximumBytes)
        if tail.text.unicodeScalars.count > maximumBytes || tail.text.utf8.count > maximumBytes {
            return "log tail kept \(tail.text.unicodeScalars.count) scalars / \(tail.text.utf8.count) bytes, limit \(maximumBytes)"
        }
        _ = tail.cutNotice
        let slack = [SlackText.escaped(text), SlackText.inlineCode(text), SlackText.codeBlock(text), SlackText.plain(text)]
        let telegram = TelegramHTML.escaped(text)
        for escaped in slack + [telegram] where escaped.unicodeScalars.contains(where: { $0 == "<" || $0 == ">" }) {
            return "escaped text holds markup: \(escaped.debugDescription.prefix(200))"
        }
        _ = DingTalkMarkdown.escaped(text) + DingTalkMarkdown.quoted(text)
        _ = DiscordMarkdown.escaped(text) + DiscordMarkdown.codeBlock(text)
        _ = MattermostMarkdown.escaped(text) + MattermostMarkdown.codeBlock(text)
        return nil
    }
}
