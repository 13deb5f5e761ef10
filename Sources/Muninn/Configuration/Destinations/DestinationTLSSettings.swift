import MuninnNotifiers

/// `caFile` and `insecureSkipVerify` of a destination that can be self-hosted behind a private CA (webhook, Slack-compatible
/// webhook, Mattermost, Telegram's local Bot API server, Elasticsearch, Loki).
struct DestinationTLSSettings: Equatable {
    /// The path given, for `check-config`, and the PEM read from it at load time.
    var caFile: String?
    var caPEM: [UInt8]?
    var insecureSkipVerify: Bool = false

    var options: TLSOptions { TLSOptions(certificateAuthorityPEM: caPEM, insecureSkipVerify: insecureSkipVerify) }

    var summary: String? {
        if let caFile { return "CA \(caFile)" }
        return insecureSkipVerify ? "TLS verification OFF" : nil
    }
}
