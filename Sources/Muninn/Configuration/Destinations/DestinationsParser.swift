import MuninnNotifiers
import Foundation

/// Reads `destinations:`, either a list (`- name: slack-ops` + `type: slack`) or a map keyed by name.
struct DestinationsParser {
    var secrets: SecretReader

    private static let commonKeys = ["name", "type"]
    private static let keysByKind: [DestinationConfiguration.Kind: [String]] = [
        .slack: ["token", "tokenFile", "apiURL", "defaultChannel", "requestTimeout", "uploadLogs", "inlineLogLines", "inlineLogCharacters"],
        .slackWebhook: ["url", "urlFile", "requestTimeout", "inlineLogLines", "inlineLogCharacters", "caFile", "insecureSkipVerify"],
        .dingtalk: [
            "token", "tokenFile", "secret", "secretFile", "apiURL", "atMobiles", "atUserIDs", "isAtAll", "keyword", "requestTimeout",
            "logLines", "maximumBodyBytes",
        ],
        .webhook: ["url", "urlFile", "secret", "secretFile", "headers", "requestTimeout", "maximumLogBytes", "caFile", "insecureSkipVerify"],
        .console: ["format"],
        .elasticsearch: [
            "url", "indexPrefix", "username", "password", "passwordFile", "apiKey", "apiKeyFile", "caFile", "insecureSkipVerify",
            "indexTemplate", "maximumLogBytes", "requestTimeout",
        ],
        .loki: [
            "url", "tenant", "username", "password", "passwordFile", "token", "tokenFile", "labels", "caFile", "insecureSkipVerify",
            "maximumLineBytes", "maximumLogBytes", "requestTimeout",
        ],
    ]

    /// The destinations in file order, each with the node it was read from (for later cross-checks).
    func parse(_ node: YAMLConfigNode) throws -> [(destination: DestinationConfiguration, node: YAMLConfigNode)] {
        var destinations: [(destination: DestinationConfiguration, node: YAMLConfigNode)] = []
        var lines: [String: Int?] = [:]
        func add(_ destination: DestinationConfiguration, at entry: YAMLConfigNode) throws {
            if let first = lines[destination.name] {
                let earlier = first.map { " (first at line \($0))" } ?? ""
                throw entry.error("duplicate destination name '\(destination.name)'\(earlier)")
            }
            lines[destination.name] = entry.line
            destinations.append((destination, entry))
        }
        if node.isSequence {
            for entry in try node.elements() {
                guard entry.isMapping else { throw entry.error("expected a mapping with name, type and the type's settings") }
                guard let nameNode = try entry.entries().first(where: { $0.key == "name" })?.value else {
                    throw entry.error("missing name")
                }
                try add(parse(entry, name: try Self.name(nameNode)), at: entry)
            }
        } else {
            for (key, keyLine, entry) in try node.entries() {
                if let problem = Self.nameProblem(key) { throw node.error(problem, key: key, keyLine: keyLine) }
                try add(parse(entry, name: key), at: entry)
            }
        }
        return destinations
    }

    private func parse(_ entry: YAMLConfigNode, name: String) throws -> DestinationConfiguration {
        guard entry.isMapping else { throw entry.error("expected a mapping with type and the type's settings") }
        // The type decides which keys are allowed, so it is read before the keys are checked.
        guard let typeNode = try entry.entries().first(where: { $0.key == "type" })?.value else {
            throw entry.error("missing type (one of: \(Self.kindList))")
        }
        let typeName = try typeNode.string()
        guard let kind = DestinationConfiguration.Kind.allCases.first(where: { $0.rawValue.lowercased() == typeName.lowercased() }) else {
            throw typeNode.error("unknown destination type '\(typeName)' (allowed: \(Self.kindList))")
        }
        let members = try entry.mapping(allowedKeys: Self.commonKeys + (Self.keysByKind[kind] ?? Self.chatKeysByKind[kind] ?? []) + Self.templateKeys)
        let settings: DestinationConfiguration.Settings
        switch kind {
        case .slack: settings = .slack(try slack(members, entry))
        case .slackWebhook: settings = .slackWebhook(try slackWebhook(members, entry))
        case .dingtalk: settings = .dingtalk(try dingtalk(members, entry))
        case .webhook: settings = .webhook(try webhook(members, entry))
        case .elasticsearch: settings = .elasticsearch(try elasticsearch(members, entry))
        case .loki: settings = .loki(try loki(members, entry))
        case .console:
            var format = ConsoleNotifier.Format.json
            if let node = members["format"] {
                let raw = try node.string()
                guard let parsed = ConsoleNotifier.Format(rawValue: raw) else {
                    throw node.error("unknown console format '\(raw)' (allowed: \(ConsoleNotifier.Format.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                format = parsed
            }
            settings = .console(format: format)
        case .teams, .discord, .telegram, .pagerduty, .mattermost, .googlechat, .feishu:
            settings = .chat(try chat(kind, members, entry))
        }
        var destination = DestinationConfiguration(name: name, settings: settings)
        destination.templates = try templates(kind, members)
        return destination
    }

    private static var kindList: String { DestinationConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", ") }

    private func slack(_ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> SlackDestinationSettings {
        guard let token = try secrets.secret("token", in: members, owner: entry, required: true) else { throw entry.error("missing token") }
        var settings = SlackDestinationSettings(token: token)
        if let node = members["apiURL"] { settings.apiURL = try Self.url(node) }
        if let node = members["defaultChannel"] { settings.defaultChannel = try node.nonEmptyString() }
        if let node = members["requestTimeout"] { settings.requestTimeout = try Self.timeout(node) }
        if let node = members["uploadLogs"] { settings.uploadLogs = try node.bool() }
        if let node = members["inlineLogLines"] { settings.inlineLogLines = try node.int(in: 0...1000) }
        if let node = members["inlineLogCharacters"] { settings.inlineLogCharacters = try node.int(in: 0...2800) }
        return settings
    }

    private func slackWebhook(_ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> SlackWebhookDestinationSettings {
        guard let url = try secrets.secret("url", in: members, owner: entry, required: true) else { throw entry.error("missing url") }
        try Self.checkURL(url, node: members["url"] ?? members["urlFile"] ?? entry)
        var settings = SlackWebhookDestinationSettings(url: url)
        if let node = members["requestTimeout"] { settings.requestTimeout = try Self.timeout(node) }
        if let node = members["inlineLogLines"] { settings.inlineLogLines = try node.int(in: 0...1000) }
        if let node = members["inlineLogCharacters"] { settings.inlineLogCharacters = try node.int(in: 0...2800) }
        settings.tls = try tls(members)
        return settings
    }

    private func dingtalk(_ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> DingTalkDestinationSettings {
        guard let token = try secrets.secret("token", in: members, owner: entry, required: true) else { throw entry.error("missing token") }
        if let problem = Self.dingTalkTokenProblem(token.value) { throw (members["token"] ?? members["tokenFile"] ?? entry).error(problem) }
        var settings = DingTalkDestinationSettings(token: token)
        settings.secret = try secrets.secret("secret", in: members, owner: entry, required: false)
        if let node = members["apiURL"] { settings.apiURL = try Self.url(node) }
        if let node = members["atMobiles"] { settings.atMobiles = try node.stringList() }
        if let node = members["atUserIDs"] { settings.atUserIDs = try node.stringList() }
        if let node = members["isAtAll"] { settings.isAtAll = try node.bool() }
        if let node = members["keyword"] { settings.keyword = try node.string() }
        if let node = members["requestTimeout"] { settings.requestTimeout = try Self.timeout(node) }
        if let node = members["logLines"] { settings.logLines = try node.int(in: 0...1000) }
        if let node = members["maximumBodyBytes"] { settings.maximumBodyBytes = try node.int(in: 1000...20_000) }
        return settings
    }

    private func webhook(_ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> WebhookDestinationSettings {
        guard let url = try secrets.secret("url", in: members, owner: entry, required: true) else { throw entry.error("missing url") }
        try Self.checkURL(url, node: members["url"] ?? members["urlFile"] ?? entry)
        var settings = WebhookDestinationSettings(url: url)
        settings.secret = try secrets.secret("secret", in: members, owner: entry, required: false)
        if let node = members["headers"] {
            settings.headers = try node.entries().map { name, keyLine, value in
                guard Self.isHeaderName(name) else { throw node.error("'\(name)' is not a valid HTTP header name", key: name, keyLine: keyLine) }
                let text = try value.string()
                guard !text.contains(where: { $0 == "\r" || $0 == "\n" }) else { throw value.error("a header value cannot contain line breaks") }
                return WebhookDestinationSettings.Header(name: name, value: text)
            }
        }
        if let node = members["requestTimeout"] { settings.requestTimeout = try Self.timeout(node) }
        if let node = members["maximumLogBytes"] { settings.maximumLogBytes = try node.int(in: 0...(16 * 1024 * 1024)) }
        settings.tls = try tls(members)
        return settings
    }

    // MARK: Checks shared with the environment reader

    static func name(_ node: YAMLConfigNode) throws -> String {
        let name = try node.string()
        if let problem = nameProblem(name) { throw node.error(problem) }
        return name
    }

    /// Names appear in comma lists (`muninn.io/destinations: "a,b"`) and in metrics labels.
    static func nameProblem(_ name: String) -> String? {
        guard let first = name.first else { return "a destination name must not be empty" }
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard allowed, first.isLetter || first.isNumber, name.count <= 63 else {
            return "'\(name)' is not a valid destination name (letters, digits, '-', '_' and '.', starting with a letter or digit)"
        }
        return nil
    }

    /// A token or a webhook URL with an `access_token` query item, as `DINGTALK_TOKEN` allows.
    static func dingTalkTokenProblem(_ token: String) -> String? {
        if token.lowercased().hasPrefix("http://") || token.lowercased().hasPrefix("https://") {
            let items = URLComponents(string: token)?.queryItems ?? []
            return items.contains(where: { $0.name == "access_token" && !($0.value ?? "").isEmpty })
                ? nil : "a DingTalk webhook URL must carry ?access_token=..."
        }
        return token.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "?" || $0 == "&" })
            ? "expected a DingTalk access_token or the robot's whole webhook URL" : nil
    }

    static func url(_ node: YAMLConfigNode) throws -> String {
        let text = try node.nonEmptyString()
        guard isHTTPURL(text) else { throw node.error("expected an http:// or https:// URL") }
        return text
    }

    private static func checkURL(_ secret: SecretValue, node: YAMLConfigNode) throws {
        guard isHTTPURL(secret.value) else { throw node.error("expected an http:// or https:// URL") }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    static func timeout(_ node: YAMLConfigNode) throws -> Duration {
        let value = try node.duration()
        guard value > .zero else { throw node.error("must be longer than zero") }
        return value
    }

    private static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }
    }
}
