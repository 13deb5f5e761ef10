import MuninnDashboard

/// Reads `dashboard:` (`enabled`, `listen: host:port`, `auth: {bearerTokenFile | basicAuth: {username, passwordFile}}`)
/// and refuses a non-loopback `listen` without `auth`, naming the line.
struct DashboardSettingsParser {
    var secrets: SecretReader

    func parse(_ node: YAMLConfigNode, over base: DashboardSettings) throws -> DashboardSettings {
        var settings = base
        let members = try node.mapping(allowedKeys: ["enabled", "listen", "auth", "externalURL"])
        if let value = members["externalURL"] { settings.externalURL = try DestinationsParser.url(value) }
        if let value = members["enabled"] { settings.enabled = try value.bool() }
        if let value = members["listen"] {
            let text = try value.nonEmptyString()
            guard let (host, port) = Self.hostAndPort(text) else {
                throw value.error("cannot read '\(text)': give host:port (127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080)")
            }
            settings.host = host
            settings.port = port
        }
        if let authNode = members["auth"] {
            let auth = try authNode.mapping(allowedKeys: ["bearerTokenFile", "basicAuth"])
            switch (auth["bearerTokenFile"], auth["basicAuth"]) {
            case (_?, _?):
                throw authNode.error("give either bearerTokenFile or basicAuth, not both")
            case (nil, nil):
                throw authNode.error("missing bearerTokenFile or basicAuth")
            case (_?, nil):
                guard let token = try secrets.secret("bearerToken", in: auth, owner: authNode, required: true) else { break }
                settings.auth = .bearerToken(token)
            case (nil, let basicNode?):
                let basic = try basicNode.mapping(allowedKeys: ["username", "passwordFile"])
                guard let usernameNode = basic["username"] else { throw basicNode.error("missing username") }
                let username = try usernameNode.nonEmptyString()
                if username.contains(":") { throw usernameNode.error("must not contain ':' (HTTP basic authentication cannot carry it)") }
                guard let password = try secrets.secret("password", in: basic, owner: basicNode, required: true) else { break }
                settings.auth = .basic(username: username, password: password)
            }
        }
        if settings.enabled, let refusal = DashboardAccessPolicy.refusal(host: settings.host, auth: settings.dashboardAuth) {
            throw (members["listen"] ?? node).error(refusal)
        }
        return settings
    }

    /// `host:port`, `[ipv6]:port`; port 0 to 65535 (0: any free port).
    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            return nil
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { return nil }
        return (host, port)
    }
}
