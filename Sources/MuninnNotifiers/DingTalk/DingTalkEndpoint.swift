import Foundation
import MuninnCore

/// The robot's send URL from a bare access_token or a whole webhook URL, plus signing.
struct DingTalkEndpoint: Sendable {
    /// The URL up to and including `access_token=...`, percent-encoded.
    let baseURL: String

    init(token: String, apiURL: String) throws(NotifierError) {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .permanent(reason: "DingTalk: empty access token") }
        if trimmed.lowercased().hasPrefix("http://") || trimmed.lowercased().hasPrefix("https://") {
            guard let components = URLComponents(string: trimmed), components.host != nil,
                components.queryItems?.contains(where: { $0.name == "access_token" && !($0.value ?? "").isEmpty }) == true
            else {
                throw .permanent(reason: "DingTalk: the webhook URL has no access_token parameter")
            }
            baseURL = trimmed
        } else {
            guard !trimmed.contains(where: { $0 == "&" || $0 == "?" || $0 == "/" || $0 == " " }) else {
                throw .permanent(reason: "DingTalk: the token is neither an access_token nor a webhook URL")
            }
            baseURL = apiURL + (apiURL.contains("?") ? "&" : "?") + "access_token=" + FormEncoding.percentEncoded(trimmed)
        }
    }

    /// The URL to post to: with `timestamp` and `sign` when a secret is set.
    func url(secret: String?, now: Date) -> String {
        guard let secret, !secret.isEmpty else { return baseURL }
        let timestamp = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let sign = DingTalkSignature.sign(timestamp: timestamp, secret: secret)
        return baseURL + "&timestamp=\(timestamp)&sign=" + FormEncoding.percentEncoded(sign)
    }
}
