import Foundation
import MuninnNotifiers

/// `type: elasticsearch` and `type: loki`.
extension DestinationsParser {
    func elasticsearch(_ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> ElasticsearchDestinationSettings {
        guard let urlNode = members["url"] else { throw entry.error("missing url (the cluster's base URL, e.g. https://es.example:9200)") }
        var settings = ElasticsearchDestinationSettings(url: try Self.credentialFreeURL(urlNode))
        if let node = members["indexPrefix"] {
            let prefix = try node.nonEmptyString()
            if let problem = ElasticsearchIndexName.prefixProblem(prefix) { throw node.error(problem) }
            settings.indexPrefix = prefix
        }
        let apiKey = try secrets.secret("apiKey", in: members, owner: entry, required: false)
        let basic = try basicCredentials(members, entry)
        switch (basic, apiKey) {
        case (let basic?, nil): settings.credentials = basic
        case (nil, let key?): settings.credentials = .apiKey(key)
        case (_?, _?): throw (members["apiKey"] ?? members["apiKeyFile"] ?? entry).error("give either username/password or apiKey, not both")
        case (nil, nil): break
        }
        settings.tls = try tls(members)
        if let node = members["indexTemplate"] { settings.indexTemplate = try node.bool() }
        if let node = members["maximumLogBytes"] { settings.maximumLogBytes = try node.int(in: 0...(50 * 1024 * 1024)) }
        if let node = members["requestTimeout"] { settings.requestTimeout = try Self.timeout(node) }
        return settings
    }

    func loki(_ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> LokiDestinationSettings {
        guard let urlNode = members["url"] else { throw entry.error("missing url (Loki's base URL, e.g. http://loki-gateway.monitoring)") }
        var settings = LokiDestinationSettings(url: try Self.credentialFreeURL(urlNode))
        if let node = members["tenant"] { settings.tenant = try node.nonEmptyString() }
        let token = try secrets.secret("token", in: members, owner: entry, required: false)
        let basic = try basicCredentials(members, entry)
        switch (basic, token) {
        case (let basic?, nil): settings.credentials = basic
        case (nil, let token?): settings.credentials = .bearer(token)
        case (_?, _?): throw (members["token"] ?? members["tokenFile"] ?? entry).error("give either username/password or token, not both")
        case (nil, nil): break
        }
        if let node = members["labels"] {
            for (name, keyLine, value) in try node.entries() {
                if let problem = LokiNotifier.labelNameProblem(name) { throw node.error(problem, key: name, keyLine: keyLine) }
                if ["muninn", "cluster", "namespace", "pod", "container", "reason"].contains(name) {
                    throw node.error("'\(name)' is set by Muninn for every stream", key: name, keyLine: keyLine)
                }
                settings.extraLabels[name] = try value.nonEmptyString()
            }
        }
        settings.tls = try tls(members)
        if let node = members["maximumLineBytes"] { settings.maximumLineBytes = try node.int(in: 100...(16 * 1024 * 1024)) }
        if let node = members["maximumLogBytes"] { settings.maximumLogBytes = try node.int(in: 0...(50 * 1024 * 1024)) }
        if let node = members["requestTimeout"] { settings.requestTimeout = try Self.timeout(node) }
        return settings
    }

    /// The URL is printed by `check-config`, so credentials belong in their own keys.
    private static func credentialFreeURL(_ node: YAMLConfigNode) throws -> String {
        let url = try Self.url(node)
        if URLComponents(string: url)?.user != nil { throw node.error("put credentials in username and password (or passwordFile), not in the URL") }
        return url
    }

    /// `username` with `password` or `passwordFile`; both or neither.
    private func basicCredentials(_ members: [String: YAMLConfigNode], _ entry: YAMLConfigNode) throws -> LogStoreCredentials? {
        let password = try secrets.secret("password", in: members, owner: entry, required: false)
        switch (members["username"], password) {
        case (let node?, let password?): return .basic(username: try node.nonEmptyString(), password: password)
        case (let node?, nil): throw node.error("username needs password (or passwordFile)")
        case (nil, _?): throw (members["password"] ?? members["passwordFile"] ?? entry).error("password needs username")
        case (nil, nil): return nil
        }
    }
}
