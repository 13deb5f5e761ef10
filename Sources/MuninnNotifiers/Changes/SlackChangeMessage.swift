import Foundation
import KubeJSON
import MuninnCore

/// kwatchman's Slack attachment for a change: title `{ADD|UPDATE|DELETE} {kind}` and `{ns}/{name}` on the next line,
/// its colours, author and footer (the cluster name), `ts` now, and for updates the diff in a code block. kwatchman
/// cut the diff at 3,994 characters; here it is cut at a line with a note saying how many lines are missing, and when
/// the bot token can upload files the whole diff goes along as a file.
struct SlackChangeMessage {
    static let inlineLimit = 3_994
    static let authorName = "snebel29/kwatchman"
    static let authorLink = "https://github.com/snebel29/kwatchman"

    let payload: JSONValue
    let title: String
    /// Lines of the diff left out of the message.
    let linesCut: Int

    /// - Parameters:
    ///   - footer: kwatchman's `clusterName`; the change's cluster when nil.
    ///   - fileAttached: the whole diff will follow as a file (the note says so).
    init(change: ManifestChange, footer: String?, now: Date, inlineLimit: Int = SlackChangeMessage.inlineLimit, fileAttached: Bool = false) {
        let kind = change.kind.lowercased()
        let object = (change.namespace.isEmpty ? "" : change.namespace + "/") + change.name
        title = "\(ChangePayload.verb(change.action)) \(kind)\n\(object)"
        var parts: [String] = []
        if change.whileStopped { parts.append("_Changed while Muninn was not running; found at start-up._") }
        var cut = 0
        if change.action == .updated, !change.diff.unifiedDiff.isEmpty {
            let (block, missing) = Self.codeBlock(change.diff.unifiedDiff, limit: inlineLimit)
            cut = missing
            parts.append(block)
            if missing > 0 {
                parts.append(fileAttached ? "_diff truncated: \(missing) more lines; the whole diff is attached as a file_" : "_diff truncated: \(missing) more lines_")
            }
        }
        linesCut = cut
        var attachment = JSONObject([
            ("fallback", .string(title)),
            ("color", .string(Self.color(change.action))),
            ("author_name", .string(Self.authorName)),
            ("author_link", .string(Self.authorLink)),
            ("title", .string(SlackText.escaped(title))),
        ])
        if !parts.isEmpty { attachment["text"] = .string(parts.joined(separator: "\n")) }
        attachment["footer"] = .string(SlackText.escaped(footer ?? change.cluster))
        attachment["ts"] = .int(Int64(now.timeIntervalSince1970.rounded(.down)))
        payload = ["attachments": [.object(attachment)]]
    }

    static func color(_ action: ChangeAction) -> String {
        switch action {
        case .added: "#1ADA00"
        case .updated: "#F39C12"
        case .deleted: "#FF0000"
        }
    }

    /// The diff's first whole lines that fit in `limit` characters (escaped, inside the fence), and how many did not.
    static func codeBlock(_ diff: String, limit: Int) -> (String, Int) {
        var lines = PlainText.sanitized(diff).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var kept: [String] = []
        var size = 8  // the fences and their newlines
        for line in lines {
            var safe = line
            while safe.contains("``") { safe = safe.replacingOccurrences(of: "``", with: "`\u{200B}`") }
            let escaped = SlackText.escaped(safe)
            let cost = escaped.unicodeScalars.count + 1
            if size + cost > limit { break }
            kept.append(escaped)
            size += cost
        }
        return ("```\n" + kept.joined(separator: "\n") + "\n```", lines.count - kept.count)
    }
}
