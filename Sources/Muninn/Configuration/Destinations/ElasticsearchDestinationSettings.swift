import MuninnNotifiers

/// `type: elasticsearch` (Elasticsearch or OpenSearch): mirrors `ElasticsearchConfiguration` of MuninnNotifiers, with
/// the secrets' origins kept.
struct ElasticsearchDestinationSettings: Equatable {
    var url: String
    var indexPrefix: String = ElasticsearchConfiguration.defaultIndexPrefix
    var credentials: LogStoreCredentials = .none
    var tls: DestinationTLSSettings = DestinationTLSSettings()
    var indexTemplate: Bool = true
    var maximumLogBytes: Int = 1_000_000
    var requestTimeout: Duration = .seconds(30)
}
