/// Settings of an Elasticsearch or OpenSearch export (``ElasticsearchNotifier``).
public struct ElasticsearchConfiguration: Sendable {
    /// The cluster's base URL (`https://es.example:9200`, or a proxy path such as `https://gw.example/es`).
    public var url: String
    /// Documents go to `<indexPrefix>-YYYY.MM.DD` (UTC day of the incident).
    public var indexPrefix: String
    public var authentication: HTTPAuthentication
    public var tls: TLSOptions
    /// Installs the composable index template `<indexPrefix>` (mappings of the Pod Monitor's fields) before the
    /// first document. Turn off when the template is managed elsewhere or the user may not manage templates.
    public var installIndexTemplate: Bool
    /// `logs` keeps its last this many bytes (the Pod Monitor's `MAX_CRASHLOG_LENGTH`, 1,000,000 by default).
    public var maximumLogBytes: Int
    public var requestTimeout: Duration

    public init(
        url: String, indexPrefix: String = ElasticsearchConfiguration.defaultIndexPrefix, authentication: HTTPAuthentication = .none,
        tls: TLSOptions = TLSOptions(), installIndexTemplate: Bool = true, maximumLogBytes: Int = 1_000_000,
        requestTimeout: Duration = .seconds(30)
    ) {
        self.url = url
        self.indexPrefix = indexPrefix
        self.authentication = authentication
        self.tls = tls
        self.installIndexTemplate = installIndexTemplate
        self.maximumLogBytes = maximumLogBytes
        self.requestTimeout = requestTimeout
    }

    /// The Kubernetes Pod Monitor's index prefix (its `ELASTICSEARCH_INDEX` without the trailing `-`).
    public static let defaultIndexPrefix = "k8s-crash-monitor"
}
