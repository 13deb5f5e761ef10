import Foundation
import NIOHTTP1

/// How a log-store export proves who it is.
public enum HTTPAuthentication: Sendable, Equatable {
    case none
    /// `Authorization: Basic base64(username:password)`.
    case basic(username: String, password: String)
    /// `Authorization: Bearer <token>` (Grafana Cloud access policies, a gateway in front of Loki).
    case bearer(token: String)
    /// `Authorization: ApiKey <key>` (Elasticsearch): the base64 `encoded` value Elasticsearch returns when the key is
    /// created, or `id:api_key`, which is encoded here.
    case apiKey(String)

    /// The `Authorization` header value, nil for ``none``.
    public var headerValue: String? {
        switch self {
        case .none: nil
        case .basic(let username, let password): "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case .bearer(let token): "Bearer " + token
        case .apiKey(let key): "ApiKey " + (key.contains(":") ? Data(key.utf8).base64EncodedString() : key)
        }
    }

    /// A word for logs and `check-config`, without the secret.
    public var kindDescription: String {
        switch self {
        case .none: "none"
        case .basic(let username, _): "basic (user \(username))"
        case .bearer: "bearer token"
        case .apiKey: "API key"
        }
    }

    func apply(to headers: inout HTTPHeaders) {
        if let headerValue { headers.replaceOrAdd(name: "Authorization", value: headerValue) }
    }
}
