import Foundation

/// Produces the `Authorization` header for each request and refreshes rotating credentials: a token file is
/// re-read at most once a minute (as client-go's cached file token source) and after a 401; an exec plugin's
/// token is cached until its `expirationTimestamp` (or for the process lifetime without one) and re-run after a 401.
///
/// An actor because refreshing awaits (the plugin runs) while callers must share one cached value.
actor CredentialProvider {
    static let tokenFileRefreshPeriod: TimeInterval = 60

    private let credentials: Credentials
    private let now: @Sendable () -> Date
    private let execRunner: ExecCredentialRunner
    private var cached: (header: String, expires: Date?)?

    init(credentials: Credentials, now: @escaping @Sendable () -> Date, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.credentials = credentials
        self.now = now
        self.execRunner = ExecCredentialRunner(environment: environment, now: now)
    }

    /// Whether a 401 may be cured by `invalidate()` and a retry.
    nonisolated var canRefresh: Bool {
        switch credentials {
        case .tokenFile, .exec: true
        default: false
        }
    }

    /// The `Authorization` header value, or `nil` when requests are anonymous (or use only a client certificate).
    func authorizationHeader() async throws -> String? {
        switch credentials {
        case .none:
            return nil
        case .token(let token):
            return "Bearer \(token)"
        case .basic(let username, let password):
            return "Basic \(Data("\(username):\(password)".utf8).base64EncodedString())"
        case .tokenFile(let path):
            if let cached, let expires = cached.expires, now() < expires { return cached.header }
            do {
                let token = try Self.readToken(path)
                let header = "Bearer \(token)"
                cached = (header, now().addingTimeInterval(Self.tokenFileRefreshPeriod))
                return header
            } catch {
                // As client-go: if a rotated file is briefly unreadable, keep using the last good token.
                if let cached { return cached.header }
                throw error
            }
        case .exec(let config):
            if let cached, cached.expires.map({ now() < $0 }) ?? true { return cached.header }
            let credential = try await execRunner.run(config)
            let header = "Bearer \(credential.token)"
            cached = (header, credential.expiration)
            return header
        }
    }

    /// Forgets the cached credential so the next request re-reads the token file or re-runs the plugin.
    func invalidate() {
        cached = nil
    }

    private static func readToken(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeAPIError.credentials("cannot read token file \(path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw KubeAPIError.credentials("token file \(path) is empty") }
        return token
    }
}
