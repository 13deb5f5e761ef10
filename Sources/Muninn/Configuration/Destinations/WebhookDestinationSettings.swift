/// `type: webhook`: mirrors `WebhookConfiguration` of MuninnNotifiers, with the secrets' origins kept.
struct WebhookDestinationSettings: Equatable {
    struct Header: Equatable {
        var name: String
        var value: String
    }

    var url: SecretValue
    /// Standard Webhooks signing secret (`whsec_...` or any string).
    var secret: SecretValue?
    var headers: [Header] = []
    var requestTimeout: Duration = .seconds(15)
    var maximumLogBytes: Int = 64 * 1024
    var tls = DestinationTLSSettings()
}
