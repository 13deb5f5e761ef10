import Foundation
import KubeJSON
import MuninnCore

/// The sendMessage text for an alert in HTML parse mode (bold labels, `<pre>` blocks), at most
/// 4,096 characters as Telegram counts them: the log tail is shortened, never the header.
public struct TelegramMessage: Sendable {
    public static let maximumLength = 4_096

    public var text: TelegramHTML

    public init(alert: Alert, logLines: Int, repeated: Bool = false) {
        text = LogFitting.largest(
            maxCharacters: Self.maximumLength, fits: { $0.visibleLength <= Self.maximumLength },
            build: { Self.render(alert, repeated: repeated, logLines: logLines, logCharacters: $0) })
    }

    static func render(_ alert: Alert, repeated: Bool, logLines: Int, logCharacters: Int) -> TelegramHTML {
        var text = TelegramHTML()
        text.append((alert.isRecovery ? "✅ " : "🔴 ") + PlainText.clipped(alert.title(repeated: repeated), to: 300), tag: "b")
        text.append("\n")
        for row in alert.factRows {
            text.append(row.label + ":", tag: "b")
            text.append(" " + row.value + "\n")
        }
        if let message = alert.shownMessage {
            text.append("\nMessage", tag: "b")
            text.append("\n")
            text.append(PlainText.clipped(message, to: 800), tag: "pre")
        }
        if let events = alert.shownEvents {
            text.append("\nRecent events", tag: "b")
            text.append("\n")
            text.append(PlainText.clipped(events, to: 1_000), tag: "pre")
        }
        if let tail = alert.logTail(maxLines: logLines, maxCharacters: logCharacters) {
            text.append("\n" + Alert.logHeading(tail), tag: "b")
            text.append("\n")
            text.append(tail.text.isEmpty ? "(empty)" : tail.text, tag: "pre")
        } else {
            text.append("\n" + alert.logsUnavailableText + "\n")
        }
        text.append("\n" + alert.occurredAtText + " · Muninn alert " + PlainText.clipped(PlainText.singleLine(alert.id), to: 200), tag: "i")
        return text
    }
}
