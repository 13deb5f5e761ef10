/// Settings of a Grafana Loki export (``LokiNotifier``).
public struct LokiConfiguration: Sendable {
    /// Loki's base URL (`http://loki-gateway.monitoring:80`); the push path `/loki/api/v1/push` is added.
    public var url: String
    /// `X-Scope-OrgID`, for multi-tenant Loki (and Grafana Enterprise Logs); nil for single-tenant setups.
    public var tenant: String?
    /// Basic auth (Grafana Cloud: instance ID and token) or a bearer token; only `.none`, `.basic` and `.bearer` make sense.
    public var authentication: HTTPAuthentication
    public var tls: TLSOptions
    /// Labels added to every stream (`env: prod`), besides cluster, namespace, pod, container, reason and `muninn`.
    public var extraLabels: [String: String]
    /// Lines are cut to this many bytes (Loki's `max_line_size` default is 256 KB; longer lines are refused).
    public var maximumLineBytes: Int
    /// At most this many bytes of the log (its end) per alert, to stay far below the ingestion rate limit.
    public var maximumLogBytes: Int
    public var requestTimeout: Duration

    public init(
        url: String, tenant: String? = nil, authentication: HTTPAuthentication = .none, tls: TLSOptions = TLSOptions(),
        extraLabels: [String: String] = [:], maximumLineBytes: Int = 256 * 1024, maximumLogBytes: Int = 1_000_000,
        requestTimeout: Duration = .seconds(15)
    ) {
        self.url = url
        self.tenant = tenant
        self.authentication = authentication
        self.tls = tls
        self.extraLabels = extraLabels
        self.maximumLineBytes = maximumLineBytes
        self.maximumLogBytes = maximumLogBytes
        self.requestTimeout = requestTimeout
    }
}
