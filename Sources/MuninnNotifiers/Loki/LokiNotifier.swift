import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1
import NIOSSL

/// Pushes the log captured with each alert to Grafana Loki (`POST /loki/api/v1/push`, JSON), as one stream per
/// alert labelled `muninn="crash"`, cluster, namespace, pod, container and reason (``LokiPushBody``), so the lines
/// before a crash stay searchable in Grafana after the container and its logs are gone.
///
/// ```swift
/// let loki = try LokiNotifier(name: "loki", configuration: LokiConfiguration(url: "http://loki:3100", tenant: "ops"))
/// _ = try await loki.send(alert, to: DeliveryTarget(), logger: logger)
/// ```
public struct LokiNotifier: Notifier {
    public let name: String
    /// A repeated push has the same timestamps and lines, which Loki drops as duplicates.
    public var recognisesRepeatedRequests: Bool { true }
    public let configuration: LokiConfiguration
    private let redactor: LogRedactor
    private let http: NotifierHTTP
    private let now: @Sendable () -> Date

    /// - Throws: ``ExportConfigurationError`` for a label name Loki refuses, or unusable TLS options.
    public init(
        name: String, configuration: LokiConfiguration, redactor: LogRedactor = .standard, httpClient: HTTPClient = .notifiers,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(ExportConfigurationError) {
        for label in configuration.extraLabels.keys.sorted() {
            if let problem = Self.labelNameProblem(label) { throw ExportConfigurationError(message: problem) }
        }
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

    public var pacing: DeliveryPacing { .unpaced }

    /// Pushes the alert's log; the target's channel and thread are ignored.
    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        let stream = LokiPushBody.stream(
            for: alert.redacted(with: redactor), extraLabels: configuration.extraLabels, maximumLineBytes: configuration.maximumLineBytes,
            maximumLogBytes: configuration.maximumLogBytes)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        if let tenant = configuration.tenant { headers.add(name: "X-Scope-OrgID", value: tenant) }
        configuration.authentication.apply(to: &headers)
        let answer = try await http.post(endpoint, headers: headers, body: LokiPushBody.json(stream).serialized(), logger: logger)
        if let error = LokiErrorClassification.error(for: answer, host: NotifierHTTP.host(of: configuration.url), now: now()) { throw error }
        let selector = "{" + stream.labels.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",") + "}"
        return DeliveryReceipt(note: "\(stream.lines.count) \(stream.lines.count == 1 ? "line" : "lines") pushed to \(selector)")
    }

    private var endpoint: String {
        var base = configuration.url
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/loki/api/v1/push"
    }

    /// Loki label names follow Prometheus: `[a-zA-Z_][a-zA-Z0-9_]*`, and `__` starts reserved names.
    public static func labelNameProblem(_ name: String) -> String? {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_",
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { return "'\(name)' is not a valid Loki label name ([a-zA-Z_][a-zA-Z0-9_]*)" }
        if name.hasPrefix("__") { return "'\(name)': label names starting with __ are reserved" }
        return nil
    }
}
