import Foundation
import MuninnNotifiers

/// `destinations:` entries of the chat and paging types (`teams`, `discord`, `telegram`,
/// `pagerduty`, `mattermost`, `googlechat`, `feishu`).
extension DestinationsParser {
    /// The keys each of these types allows besides `name` and `type`.
    static let chatKeysByKind: [DestinationConfiguration.Kind: [String]] = [
        .teams: ["url", "urlFile", "requestTimeout", "logLines"],
        .discord: ["url", "urlFile", "username", "avatarURL", "threadID", "requestTimeout", "logLines"],
        .telegram: [
            "token", "tokenFile", "chatID", "messageThreadID", "apiURL", "disableNotification", "requestTimeout", "logLines", "caFile",
            "insecureSkipVerify",
        ],
        .pagerduty: ["routingKey", "routingKeyFile", "apiURL", "severity", "clientURL", "requestTimeout", "logLines", "maximumLogBytes"],
        .mattermost: ["url", "urlFile", "channel", "username", "iconURL", "requestTimeout", "logLines", "caFile", "insecureSkipVerify"],
        .googlechat: ["url", "urlFile", "threads", "requestTimeout", "logLines"],
        .feishu: ["url", "urlFile", "secret", "secretFile", "keyword", "requestTimeout", "logLines"],
    ]

    func chat(_ kind: DestinationConfiguration.Kind, _ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> ChatDestinationSettings {
        switch kind {
        case .teams:
            let url = try chatURL("url", members, entry)
            if let problem = TeamsWebhookURL.problem(url.value) { throw (members["url"] ?? members["urlFile"] ?? entry).error(problem) }
            var settings = TeamsDestinationSettings(url: url)
            try common(members, timeout: &settings.requestTimeout, logLines: &settings.logLines)
            return .teams(settings)
        case .discord:
            var settings = DiscordDestinationSettings(url: try chatURL("url", members, entry))
            if let node = members["username"] { settings.username = try node.string() }
            if let node = members["avatarURL"] { settings.avatarURL = try Self.plainURL(node) }
            if let node = members["threadID"] { settings.threadID = try Self.digits(node, what: "a thread id (digits)") }
            try common(members, timeout: &settings.requestTimeout, logLines: &settings.logLines)
            return .discord(settings)
        case .telegram:
            guard let token = try secrets.secret("token", in: members, owner: entry, required: true) else { throw entry.error("missing token") }
            let parts = token.value.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                throw (members["token"] ?? members["tokenFile"] ?? entry).error("expected a bot token such as 123456789:AAH... (from @BotFather)")
            }
            guard let chatNode = members["chatID"] else { throw entry.error("missing chatID (a numeric chat id such as -1001234567890, or @channelusername)") }
            let chatID = try chatNode.nonEmptyString()
            guard chatID.hasPrefix("@") || Int64(chatID) != nil else { throw chatNode.error("expected a numeric chat id such as -1001234567890, or @channelusername") }
            var settings = TelegramDestinationSettings(token: token, chatID: chatID)
            if let node = members["messageThreadID"] { settings.messageThreadID = Int64(try node.int(in: 1...Int(Int32.max))) }
            if let node = members["apiURL"] { settings.apiURL = try Self.plainURL(node) }
            if let node = members["disableNotification"] { settings.disableNotification = try node.bool() }
            try common(members, timeout: &settings.requestTimeout, logLines: &settings.logLines)
            settings.tls = try tls(members)
            return .telegram(settings)
        case .pagerduty:
            guard let key = try secrets.secret("routingKey", in: members, owner: entry, required: true) else { throw entry.error("missing routingKey") }
            guard key.value.count == 32, key.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw (members["routingKey"] ?? members["routingKeyFile"] ?? entry).error(
                    "expected the 32-character integration key of an Events API v2 integration")
            }
            var settings = PagerDutyDestinationSettings(routingKey: key)
            if let node = members["apiURL"] { settings.apiURL = try Self.plainURL(node) }
            if let node = members["severity"] {
                let severity = try node.string()
                guard PagerDutySeverity(rawValue: severity) != nil else {
                    throw node.error("unknown severity '\(severity)' (allowed: \(PagerDutySeverity.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                settings.severity = severity
            }
            if let node = members["clientURL"] { settings.clientURL = try Self.plainURL(node) }
            if let node = members["maximumLogBytes"] { settings.maximumLogBytes = try node.int(in: 0...(256 * 1024)) }
            try common(members, timeout: &settings.requestTimeout, logLines: &settings.logLines)
            return .pagerduty(settings)
        case .mattermost:
            var settings = MattermostDestinationSettings(url: try chatURL("url", members, entry))
            if let node = members["channel"] { settings.channel = try node.nonEmptyString() }
            if let node = members["username"] { settings.username = try node.nonEmptyString() }
            if let node = members["iconURL"] { settings.iconURL = try Self.plainURL(node) }
            try common(members, timeout: &settings.requestTimeout, logLines: &settings.logLines)
            settings.tls = try tls(members)
            return .mattermost(settings)
        case .googlechat:
            var settings = GoogleChatDestinationSettings(url: try chatURL("url", members, entry))
            if let node = members["threads"] { settings.threads = try node.bool() }
            try common(members, timeout: &settings.requestTimeout, logLines: &settings.logLines)
            return .googlechat(settings)
        case .feishu:
            var settings = FeishuDestinationSettings(url: try chatURL("url", members, entry))
            settings.secret = try secrets.secret("secret", in: members, owner: entry, required: false)
            if let node = members["keyword"] { settings.keyword = try node.nonEmptyString() }
            try common(members, timeout: &settings.requestTimeout, logLines: &settings.logLines)
            return .feishu(settings)
        default:
            throw entry.error("destination type '\(kind.rawValue)' is not a chat destination")
        }
    }

    private func chatURL(_ key: String, _ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> SecretValue {
        guard let url = try secrets.secret(key, in: members, owner: entry, required: true) else { throw entry.error("missing \(key)") }
        guard Self.isHTTPURL(url.value) else { throw (members[key] ?? members[key + "File"] ?? entry).error("expected an http:// or https:// URL") }
        return url
    }

    private func common(_ members: [String: YAMLConfigNode], timeout: inout Duration, logLines: inout Int) throws {
        if let node = members["requestTimeout"] {
            let value = try node.duration()
            guard value > .zero else { throw node.error("must be longer than zero") }
            timeout = value
        }
        if let node = members["logLines"] { logLines = try node.int(in: 0...1000) }
    }

    private static func plainURL(_ node: YAMLConfigNode) throws -> String {
        let text = try node.nonEmptyString()
        guard isHTTPURL(text) else { throw node.error("expected an http:// or https:// URL") }
        return text
    }

    private static func digits(_ node: YAMLConfigNode, what: String) throws -> String {
        let text = try node.nonEmptyString()
        guard text.allSatisfy(\.isASCIIDigit) else { throw node.error("expected \(what)") }
        return text
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
