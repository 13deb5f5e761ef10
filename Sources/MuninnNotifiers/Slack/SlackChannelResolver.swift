import Foundation
import KubeJSON
import Logging
import MuninnCore

/// Turns channel names into IDs through conversations.list (paginated) and remembers them:
/// the file upload needs an ID, and conversations.list is rate-limited at Tier 2.
actor SlackChannelResolver {
    private let api: SlackWebAPI
    private var idsByName: [String: String] = [:]
    private(set) var listings = 0

    init(api: SlackWebAPI) { self.api = api }

    /// The ID for `channel`: IDs are returned as they are; `#name` and `name` are looked up.
    func id(for channel: String, logger: Logger) async throws(NotifierError) -> String {
        let trimmed = channel.trimmingCharacters(in: .whitespaces)
        if Self.looksLikeID(trimmed) { return trimmed }
        let name = (trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed).lowercased()
        guard !name.isEmpty else { throw .permanent(reason: "Slack: empty channel name") }
        if let id = idsByName[name] { return id }
        // A miss may be a channel created since the last listing, so list again once.
        idsByName = try await listChannels(logger: logger)
        if let id = idsByName[name] { return id }
        throw .permanent(reason: "Slack conversations.list: channel_not_found (no channel named \(PlainText.clipped(PlainText.singleLine(name), to: 80)) visible to the app)")
    }

    /// Channel, group, DM and user IDs: upper-case letter then at least 8 upper-case letters or digits.
    static func looksLikeID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 9, let first = scalars.first, "CGDZU".unicodeScalars.contains(first) else { return false }
        return scalars.dropFirst().allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    private func listChannels(logger: Logger) async throws(NotifierError) -> [String: String] {
        var result: [String: String] = [:]
        var cursor = ""
        // A bound on pages keeps a misbehaving server from looping us forever (200,000 channels).
        for _ in 0..<1_000 {
            listings += 1
            var form = [("types", "public_channel,private_channel"), ("exclude_archived", "true"), ("limit", "200")]
            if !cursor.isEmpty { form.append(("cursor", cursor)) }
            let page = try await api.call("conversations.list", form: form, logger: logger)
            for channel in page["channels"]?.arrayValue ?? [] {
                guard let id = channel["id"]?.stringValue else { continue }
                if let name = channel["name"]?.stringValue { result[name.lowercased()] = id }
                if let normalized = channel["name_normalized"]?.stringValue, result[normalized.lowercased()] == nil {
                    result[normalized.lowercased()] = id
                }
            }
            cursor = page[path: ["response_metadata", "next_cursor"]]?.stringValue ?? ""
            if cursor.isEmpty { return result }
        }
        return result
    }
}
