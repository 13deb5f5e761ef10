/// `type: loki`: mirrors `LokiConfiguration` of MuninnNotifiers, with the secrets' origins kept.
struct LokiDestinationSettings: Equatable {
    var url: String
    /// `X-Scope-OrgID`.
    var tenant: String?
    var credentials: LogStoreCredentials = .none
    var tls: DestinationTLSSettings = DestinationTLSSettings()
    var extraLabels: [String: String] = [:]
    var maximumLineBytes: Int = 256 * 1024
    var maximumLogBytes: Int = 1_000_000
    var requestTimeout: Duration = .seconds(15)
}
