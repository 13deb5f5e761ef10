import Foundation

/// Removes every configured secret from text before `muninn test-notify` prints it. The notifiers already keep
/// secrets out of their errors; this is the second line, because a receiver's error page can echo what it was sent.
struct SecretScrubber {
    /// Shorter values are left alone: replacing a two-letter secret everywhere would garble every line, and
    /// such a value protects nothing anyway.
    static let minimumLength = 6

    private(set) var secrets: [String]

    init(destinations: [DestinationConfiguration]) {
        var values: [String] = []
        for destination in destinations {
            switch destination.settings {
            case .slack(let slack): values.append(slack.token.value)
            case .slackWebhook(let hook): values += Self.urlSecrets(hook.url.value)
            case .dingtalk(let dingtalk):
                values += Self.urlSecrets(dingtalk.token.value)
                values.append(dingtalk.token.value)
                if let secret = dingtalk.secret { values.append(secret.value) }
            case .webhook(let webhook):
                values += Self.urlSecrets(webhook.url.value)
                if let secret = webhook.secret { values.append(secret.value) }
                values += webhook.headers.map(\.value)
            case .console: break
            case .chat(let chat): values += chat.secretURLs.flatMap(Self.urlSecrets) + chat.secretValues
            case .elasticsearch(let elasticsearch): values += elasticsearch.credentials.secretValues + Self.urlSecrets(elasticsearch.url).dropFirst(2)
            case .loki(let loki): values += loki.credentials.secretValues + Self.urlSecrets(loki.url).dropFirst(2)
            }
        }
        // Longest first, so a URL goes as a whole before the token inside it is looked for.
        secrets = Array(Set(values.filter { $0.count >= Self.minimumLength })).sorted { $0.count > $1.count }
    }

    func scrub(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<secret>") }
    }

    /// A webhook URL is a credential as a whole; its path and query items are the secret parts of it.
    private static func urlSecrets(_ url: String) -> [String] {
        guard let components = URLComponents(string: url) else { return [url] }
        var values = [url, components.path] + (components.queryItems ?? []).compactMap(\.value)
        if let password = components.password { values.append(password) }
        return values
    }
}
