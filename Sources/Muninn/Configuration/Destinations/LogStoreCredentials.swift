import MuninnNotifiers

/// How an Elasticsearch or Loki destination authenticates, with the secrets' origins kept for `check-config`.
enum LogStoreCredentials: Equatable {
    case none
    case basic(username: String, password: SecretValue)
    case apiKey(SecretValue)
    case bearer(SecretValue)

    var authentication: HTTPAuthentication {
        switch self {
        case .none: .none
        case .basic(let username, let password): .basic(username: username, password: password.value)
        case .apiKey(let key): .apiKey(key.value)
        case .bearer(let token): .bearer(token: token.value)
        }
    }

    /// `basic (user muninn, password set (from file /x))`, never a secret.
    var summary: String {
        switch self {
        case .none: "none"
        case .basic(let username, let password): "basic (user \(username), password \(password.summary))"
        case .apiKey(let key): "API key \(key.summary)"
        case .bearer(let token): "bearer token \(token.summary)"
        }
    }

    var secretValues: [String] {
        switch self {
        case .none: []
        case .basic(_, let password): [password.value]
        case .apiKey(let key): [key.value]
        case .bearer(let token): [token.value]
        }
    }
}
