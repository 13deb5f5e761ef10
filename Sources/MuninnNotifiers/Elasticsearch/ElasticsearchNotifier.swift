import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1
import NIOSSL

/// Exports alerts to Elasticsearch or OpenSearch as documents in daily indices `<prefix>-YYYY.MM.DD`, shaped like the
/// Kubernetes Pod Monitor's so its Kibana dashboards keep working (``ElasticsearchDocument``).
///
/// One `_bulk` request per alert (the outbox delivers one alert per lane at a time), with the action `index` and the
/// alert's stable id as `_id`: a delivery repeated after a timeout or a crash replaces the document, never doubles
/// it. The bulk answer is read item by item (``ElasticsearchErrorClassification``). Before the first document the
/// notifier installs the index template (``ElasticsearchIndexTemplate``) unless told not to.
///
/// ```swift
/// let export = try ElasticsearchNotifier(name: "es", configuration: ElasticsearchConfiguration(
///     url: "https://es.example:9200", authentication: .apiKey(key)))
/// let receipt = try await export.send(alert, to: DeliveryTarget(), logger: logger)  // receipt.channel: the index
/// ```
public struct ElasticsearchNotifier: Notifier {
    public let name: String
    /// A repeated document has the same `_id` and replaces the first.
    public var recognisesRepeatedRequests: Bool { true }
    public let configuration: ElasticsearchConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date
    private let template = IndexTemplateStatus()

    /// - Throws: ``ExportConfigurationError`` for an unusable index prefix or TLS options.
    public init(
        name: String, configuration: ElasticsearchConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(ExportConfigurationError) {
        if let problem = ElasticsearchIndexName.prefixProblem(configuration.indexPrefix) { throw ExportConfigurationError(message: problem) }
        let tls: NIOSSL.TLSConfiguration?
        do throws(TLSOptionsError) {
            tls = try configuration.tls.makeConfiguration()
        } catch {
            throw ExportConfigurationError(message: error.message)
        }
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        self.http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout, tlsConfiguration: tls)
        self.now = now
    }

    /// Elasticsearch answers overload with 429, which the outbox backs off from; nothing to space out up front.
    public var pacing: DeliveryPacing { .unpaced }

    /// Indexes the alert; the target's channel and thread are ignored (every alert is its own document).
    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        if configuration.installIndexTemplate, !template.isDone { try await installTemplate(logger: logger) }
        let index = ElasticsearchIndexName.daily(prefix: configuration.indexPrefix, date: alert.occurredAt)
        let id = ElasticsearchDocument.id(for: alert)
        let source = ElasticsearchDocument.source(for: alert.redacted(with: redactor), maximumLogBytes: configuration.maximumLogBytes)
        let body = ElasticsearchBulkBody.index([(index: index, id: id, source: source)])
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-ndjson")
        headers.add(name: "Accept", value: "application/json")
        configuration.authentication.apply(to: &headers)
        let answer = try await http.post(endpoint("_bulk"), headers: headers, body: body, logger: logger)
        let items = try ElasticsearchErrorClassification.bulkItems(answer, expected: 1, host: host, now: now())
        if let error = ElasticsearchErrorClassification.itemError(items[0], index: index) { throw error }
        let result = items[0].status == 409 ? "already stored" : (items[0].result ?? "stored")
        return DeliveryReceipt(messageID: id, channel: index, note: "\(result) in \(index)")
    }

    /// `PUT _index_template/<prefix>`. A 403 (no `manage_index_templates`) is logged and not retried: the indices may
    /// already get their mapping from a template an administrator installed.
    private func installTemplate(logger: Logger) async throws(NotifierError) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        configuration.authentication.apply(to: &headers)
        let body = ElasticsearchIndexTemplate.body(prefix: configuration.indexPrefix).serialized()
        let answer = try await http.send(.PUT, endpoint("_index_template/\(configuration.indexPrefix)"), headers: headers, body: body, logger: logger)
        if answer.status == 403 {
            logger.warning(
                "cannot install the Elasticsearch index template (HTTP 403): documents go in with whatever mapping the indices get; set indexTemplate: false to stop trying",
                metadata: ["destination": "\(name)"])
            template.markDone()
            return
        }
        if let error = ElasticsearchErrorClassification.requestError(answer, service: "Elasticsearch at \(host) (index template)", now: now()) {
            throw error
        }
        template.markDone()
    }

    private var host: String { NotifierHTTP.host(of: configuration.url) }

    private func endpoint(_ path: String) -> String {
        var base = configuration.url
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + path
    }
}
