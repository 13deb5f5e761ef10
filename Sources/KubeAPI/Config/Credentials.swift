/// How requests authenticate. Client certificates live in `TLSSettings`.
public enum Credentials: Sendable, CustomStringConvertible {
    case none
    /// A fixed bearer token.
    case token(String)
    /// A bearer token re-read from this file at most once a minute and after every 401 (rotated tokens).
    case tokenFile(String)
    /// HTTP basic auth (legacy).
    case basic(username: String, password: String)
    /// An exec credential plugin.
    case exec(ExecConfig)

    public var description: String {
        switch self {
        case .none: "none"
        case .token: "token(redacted)"
        case .tokenFile(let path): "tokenFile(\(path))"
        case .basic(let username, _): "basic(\(username), redacted)"
        case .exec(let config): "exec(\(config.command))"
        }
    }
}
