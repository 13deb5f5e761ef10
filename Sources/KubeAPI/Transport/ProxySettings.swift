import AsyncHTTPClient
import Foundation

/// A parsed kubeconfig `proxy-url`, as AHC understands it.
struct ProxySettings {
    var proxy: HTTPClient.Configuration.Proxy

    /// `http://[user:password@]host[:port]` (HTTP CONNECT) or `socks5://host[:port]`; anything else is nil.
    init?(url text: String) {
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty, let scheme = url.scheme?.lowercased() else { return nil }
        switch scheme {
        case "http":
            var authorization: HTTPClient.Authorization?
            if let user = url.user, let password = url.password { authorization = .basic(username: user, password: password) }
            proxy = .server(host: host, port: url.port ?? 80, authorization: authorization)
        case "socks5":
            proxy = .socksServer(host: host, port: url.port ?? 1080)
        default:
            return nil
        }
    }
}
