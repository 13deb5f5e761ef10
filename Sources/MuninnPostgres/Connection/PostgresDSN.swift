import Foundation
import MuninnCore

/// Where and how to reach PostgreSQL: `postgres://user:password@host:port/database?sslmode=verify-full`.
///
/// Parsed by Muninn itself so a mistake is named precisely, and never with the password: `description`
/// and every error show the DSN with the password replaced by `***`.
///
/// Supported parameters: `sslmode` (disable, prefer, require, verify-ca, verify-full; default prefer, as
/// libpq), `sslrootcert` (a PEM file of CA certificates to trust), `connect_timeout` (seconds) and
/// `application_name`. User, password and database are percent-decoded; the database defaults to the user.
public struct PostgresDSN: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var host: String
    public var port: Int
    public var user: String
    /// Nil when the DSN has none (the server may trust the client, e.g. `trust` authentication).
    public var password: String?
    public var database: String
    public var sslMode: PostgresSSLMode
    /// A PEM file of CA certificates; nil to trust the system's roots.
    public var sslRootCertificatePath: String?
    /// Seconds to wait for a TCP connection.
    public var connectTimeoutSeconds: Int
    /// Shown in `pg_stat_activity`, so database administrators see which connections are Muninn's.
    public var applicationName: String

    static let defaultPort = 5432

    public init(
        host: String, port: Int = 5432, user: String, password: String?, database: String, sslMode: PostgresSSLMode = .prefer,
        sslRootCertificatePath: String? = nil, connectTimeoutSeconds: Int = 10, applicationName: String = "muninn"
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificatePath = sslRootCertificatePath
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.applicationName = applicationName
    }

    /// Parses `text`.
    /// - Throws: `StoreError` saying what is wrong (scheme, user, host, port, parameter), never quoting the password.
    public init(parsing text: String) throws(StoreError) {
        self = try PostgresDSNParser.parse(text)
    }

    /// The DSN as a URL with the password hidden: safe for logs and error messages.
    public var description: String {
        var userInfo = Self.encode(user)
        if password != nil { userInfo += ":***" }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(userInfo)@\(hostPart):\(port)/\(Self.encode(database))?sslmode=\(sslMode.rawValue)"
    }

    /// The same as `description`: `String(reflecting:)`, `dump` and test failures show no password either.
    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "user": user, "password": password == nil ? "none" : "***", "database": database,
                "sslMode": sslMode, "sslRootCertificatePath": sslRootCertificatePath as Any, "connectTimeoutSeconds": connectTimeoutSeconds,
                "applicationName": applicationName,
            ])
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
