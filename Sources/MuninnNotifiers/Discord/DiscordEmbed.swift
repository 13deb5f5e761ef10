import Foundation
import KubeJSON
import MuninnCore

/// The webhook body for an alert: one embed (title, fields, description with message, Events and
/// the log tail as code blocks, footer, time), no pings (`allowed_mentions.parse` empty), within
/// Discord's limits by shortening the log tail.
public struct DiscordEmbed: Sendable {
    public var body: JSONValue

    public init(alert: Alert, configuration: DiscordConfiguration, repeated: Bool = false) {
        body = LogFitting.largest(
            maxCharacters: DiscordLimits.description, fits: Self.fits,
            build: { Self.message(alert, configuration: configuration, repeated: repeated, logCharacters: $0) })
    }

    static func fits(_ body: JSONValue) -> Bool {
        guard let embed = body["embeds"]?[0] else { return false }
        let description = embed["description"]?.stringValue?.utf16.count ?? 0
        return description <= DiscordLimits.description && characters(of: embed) <= DiscordLimits.total
    }

    /// What Discord counts towards the 6,000 characters of an embed.
    static func characters(of embed: JSONValue) -> Int {
        var count = (embed["title"]?.stringValue?.utf16.count ?? 0) + (embed["description"]?.stringValue?.utf16.count ?? 0)
        count += embed[path: ["footer", "text"]]?.stringValue?.utf16.count ?? 0
        count += embed[path: ["author", "name"]]?.stringValue?.utf16.count ?? 0
        for field in embed["fields"]?.arrayValue ?? [] {
            count += (field["name"]?.stringValue?.utf16.count ?? 0) + (field["value"]?.stringValue?.utf16.count ?? 0)
        }
        return count
    }

    static func message(_ alert: Alert, configuration: DiscordConfiguration, repeated: Bool, logCharacters: Int) -> JSONValue {
        let title = clipped(DiscordMarkdown.escaped(PlainText.clipped(alert.title(repeated: repeated), to: 200)), to: DiscordLimits.title)
        let fields: [JSONValue] = alert.factRows.prefix(DiscordLimits.fields).map { row in
            ["name": .string(row.label), "value": .string(clipped(DiscordMarkdown.escaped(row.value), to: DiscordLimits.fieldValue)), "inline": true]
        }
        var parts: [String] = []
        if let message = alert.shownMessage { parts.append("**Message**\n" + DiscordMarkdown.codeBlock(PlainText.clipped(message, to: 800))) }
        if let events = alert.shownEvents { parts.append("**Recent events**\n" + DiscordMarkdown.codeBlock(PlainText.clipped(events, to: 1_000))) }
        if let tail = alert.logTail(maxLines: configuration.logLines, maxCharacters: logCharacters) {
            parts.append("**" + DiscordMarkdown.escaped(Alert.logHeading(tail)) + "**\n" + DiscordMarkdown.codeBlock(tail.text))
        } else {
            parts.append(DiscordMarkdown.escaped(alert.logsUnavailableText))
        }
        var embed: JSONValue = [
            "type": "rich", "title": .string(title), "description": .string(parts.joined(separator: "\n")),
            "color": .int(alert.isRecovery ? 0x2EB67D : alert.kind == .notReady ? 0xECB22E : 0xE01E5A),
            "fields": .array(fields),
            "footer": ["text": .string(clipped("Muninn alert " + PlainText.singleLine(alert.id), to: 300))],
            "timestamp": .string(alert.occurredAtText),
        ]
        if embed["fields"]?.arrayValue?.isEmpty == true { embed["fields"] = nil }
        var body: JSONValue = ["embeds": [embed], "allowed_mentions": ["parse": []]]
        if let username = configuration.username, !username.isEmpty { body["username"] = .string(username) }
        if let avatar = configuration.avatarURL, !avatar.isEmpty { body["avatar_url"] = .string(avatar) }
        return body
    }

    /// At most `limit` UTF-16 units, never splitting an escape: cut on whole characters and end with `…`.
    static func clipped(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var result = ""
        for character in text {
            if result.utf16.count + character.utf16.count + 1 > limit { break }
            result.append(character)
        }
        if result.hasSuffix("\\") { result.removeLast() }
        return result + "…"
    }
}
