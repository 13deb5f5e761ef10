import Foundation
import MuninnCore

/// Reads a `postgres://` URL. The password is only ever decoded, never put in a message: a problem in the
/// user-info part is described without its text.
enum PostgresDSNParser {
    static let schemes = ["postgres://", "postgresql://"]
    static let parameters = ["sslmode", "sslrootcert", "connect_timeout", "application_name"]

    static func parse(_ raw: String) throws(StoreError) -> PostgresDSN {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError("the PostgreSQL DSN is empty") }
        guard let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) else {
            // Only the scheme is quoted: the rest may hold a password.
            let given = text.range(of: "://").map { "\(text[..<$0.lowerBound])://" } ?? "no scheme"
            throw StoreError(
                "the PostgreSQL DSN must start with postgres:// or postgresql:// (it starts with \(given.prefix(20).debugDescription))")
        }
        var rest = Substring(text.dropFirst(scheme.count))

        // The password may hold unencoded '/', '?' or '#'; host, port, database and parameters never hold '@'.
        var user = ""
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let rawUser: Substring
            if let colon = userInfo.firstIndex(of: ":") {
                rawUser = userInfo[..<colon]
                guard let decoded = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding else {
                    throw StoreError("the password in the PostgreSQL DSN is not valid percent-encoding (write % as %25)")
                }
                password = decoded
            } else {
                rawUser = userInfo
            }
            guard let decodedUser = String(rawUser).removingPercentEncoding else {
                throw StoreError("the user name in the PostgreSQL DSN is not valid percent-encoding")
            }
            user = decodedUser
        }
        guard !user.isEmpty else { throw StoreError("the PostgreSQL DSN names no user (postgres://user:password@host:port/database)") }

        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let questionMark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: questionMark)...]
            rest = rest[..<questionMark]
        }
        var databasePart: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            databasePart = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        let (host, port) = try hostAndPort(rest)
        guard let database = String(databasePart).removingPercentEncoding else {
            throw StoreError("the database name \(String(databasePart).debugDescription) in the PostgreSQL DSN is not valid percent-encoding")
        }
        guard !database.contains("/") else {
            throw StoreError("the database name \(database.debugDescription) in the PostgreSQL DSN contains '/'")
        }
        var dsn = PostgresDSN(host: host, port: port, user: user, password: password, database: database.isEmpty ? user : database)
        try apply(query, to: &dsn)
        return dsn
    }

    private static func hostAndPort(_ authority: Substring) throws(StoreError) -> (String, Int) {
        guard !authority.isEmpty else {
            throw StoreError("the PostgreSQL DSN names no host (Unix sockets are not supported: use host:port)")
        }
        guard !authority.contains(",") else {
            throw StoreError("the PostgreSQL DSN names several hosts (\(String(authority).debugDescription)); Muninn connects to one")
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw StoreError("the host \(String(authority).debugDescription) in the PostgreSQL DSN has no closing ']'")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw StoreError("unexpected \(String(after).debugDescription) after the host in the PostgreSQL DSN")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw StoreError("the PostgreSQL DSN names no host") }
        guard let decodedHost = String(host).removingPercentEncoding else {
            throw StoreError("the host \(String(host).debugDescription) in the PostgreSQL DSN is not valid percent-encoding")
        }
        guard let portText, !portText.isEmpty else { return (decodedHost, PostgresDSN.defaultPort) }
        guard portText.allSatisfy(\.isASCII), let port = Int(portText), (1...65_535).contains(port) else {
            throw StoreError("the port \(String(portText).debugDescription) in the PostgreSQL DSN is not a number from 1 to 65535")
        }
        return (decodedHost, port)
    }

    private static func apply(_ query: Substring, to dsn: inout PostgresDSN) throws(StoreError) {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            // Values are percent-decoded; '+' stays '+' (a path may hold one).
            guard parts.count == 2, let value = String(parts[1]).removingPercentEncoding else {
                throw StoreError("the PostgreSQL DSN parameter \(key.debugDescription) has no valid value (write \(key)=value)")
            }
            switch key {
            case "sslmode":
                guard let mode = PostgresSSLMode(rawValue: value) else {
                    throw StoreError(
                        "sslmode \(value.debugDescription) in the PostgreSQL DSN is not supported; use one of "
                            + PostgresSSLMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                dsn.sslMode = mode
            case "sslrootcert":
                guard !value.isEmpty else { throw StoreError("sslrootcert in the PostgreSQL DSN is empty") }
                dsn.sslRootCertificatePath = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else {
                    throw StoreError("connect_timeout \(value.debugDescription) in the PostgreSQL DSN is not a positive number of seconds")
                }
                dsn.connectTimeoutSeconds = seconds
            case "application_name":
                dsn.applicationName = value
            default:
                // Only the name: an unknown parameter may be a misplaced secret.
                throw StoreError(
                    "the PostgreSQL DSN parameter \(key.debugDescription) is not supported (supported: \(parameters.joined(separator: ", ")))")
            }
        }
    }
}
