import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A Kubernetes API client: one `HTTPClient` with the cluster's TLS settings, authenticated requests,
/// bounded retries honouring `Retry-After`, and JSON everywhere.
///
/// Call `shutdown()` when done, or use `withKubeClient(config:logger:_:)`.
public final class KubeClient: Sendable {
    /// Client behaviour; the defaults follow client-go.
    public struct Configuration: Sendable {
        /// Retries of a non-watch request answered 429/5xx with `Retry-After` (client-go: 10).
        public var maximumRetries = 10
        public var connectTimeout: Duration = .seconds(10)
        /// Deadline for the response head of a non-watch request.
        public var requestTimeout: Duration = .seconds(60)
        /// Longest silence tolerated on any connection; above the 600 s maximum watch `timeoutSeconds`.
        public var readIdleTimeout: Duration = .seconds(660)
        /// Largest non-watch response body accepted (a full pod list of a large cluster is hundreds of MB).
        public var maximumResponseBytes = 2 << 30
        /// Largest single watch event accepted.
        public var maximumWatchLineBytes = 64 << 20
        public var userAgent = "muninn/\(KubeClient.version) (linux)"

        public init() {}
    }

    /// Muninn's version, for the User-Agent.
    public static let version = "0.1.0"

    public let config: KubeConfig
    public let configuration: Configuration
    let http: HTTPClient
    let credentials: CredentialProvider
    let logger: Logger
    let clock: any Clock<Duration>
    let baseURL: String

    /// - Parameters:
    ///   - clock: used for Retry-After sleeps (and as the reflectors' default clock).
    ///   - now: wall clock for credential expiry.
    public init(
        config: KubeConfig, configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "muninn.kubeapi"),
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        var httpConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: configuration.connectTimeout.timeAmount, read: configuration.readIdleTimeout.timeAmount),
            connectionPool: .init(),
            proxy: nil
        )
        // Fail fast on refused connections and TLS errors: the callers' loops (reflector backoff) decide about retrying.
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        guard var components = URLComponents(string: config.server), let host = components.host,
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http"
        else {
            throw KubeAPIError.configuration(file: nil, field: "server", message: "\(config.origin): not an http(s) URL: \(config.server)")
        }
        if scheme == "https" {
            httpConfiguration.tlsConfiguration = try TLSConfigurationFactory.make(config.tls, origin: config.origin, logger: logger)
            // AHC cannot set SNI apart from the URL host, but it uses the original host for SNI and verification
            // when a DNS override redirects the connection: so address tls-server-name and connect to the real host.
            if let serverName = config.tls.serverName, serverName != host {
                components.host = serverName
                httpConfiguration.dnsOverride = [serverName: host]
            }
        }
        if let proxyURL = config.proxyURL {
            guard let proxy = ProxySettings(url: proxyURL) else {
                throw KubeAPIError.configuration(file: nil, field: "proxy-url", message: "\(config.origin): unsupported proxy URL (use http://host:port or socks5://host:port)")
            }
            httpConfiguration.proxy = proxy.proxy
        }
        var base = components.string ?? config.server
        if base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.config = config
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.credentials = CredentialProvider(credentials: config.credentials, now: now)
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration, backgroundActivityLogger: logger)
    }

    /// Closes all connections. Call exactly once, after the last request.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Runs `body` with a client and shuts it down afterwards, whether `body` returns or throws.
    public static func withKubeClient<Result: Sendable>(
        config: KubeConfig, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "muninn.kubeapi"),
        clock: any Clock<Duration> = ContinuousClock(),
        _ body: (KubeClient) async throws -> Result
    ) async throws -> Result {
        let client = try KubeClient(config: config, configuration: configuration, logger: logger, clock: clock)
        let result: Result
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()  // try? on purpose: the body's error is the one worth reporting.
            throw error
        }
        try await client.shutdown()
        return result
    }

    // MARK: - Request execution

    /// Sends a non-watch request, retrying 429/5xx answers that carry `Retry-After` (bounded) and a 401 once
    /// after refreshing rotating credentials. Returns only 2xx responses; throws `KubeAPIError` otherwise.
    func send(_ request: APIRequest) async throws -> APIResponse {
        var retries = 0
        var refreshedCredentials = false
        while true {
            let response = try await execute(request, timeout: configuration.requestTimeout)
            let status = Int(response.status.code)
            let buffer = try await collectBuffer(response.body, limit: (200..<300).contains(status) ? configuration.maximumResponseBytes : 1 << 20)
            if (200..<300).contains(status) {
                return APIResponse(status: status, headers: response.headers, buffer: buffer)
            }
            let body = Array(buffer.readableBytesView)
            if status == 401, credentials.canRefresh, !refreshedCredentials {
                refreshedCredentials = true
                await credentials.invalidate()
                continue
            }
            let retryAfter = Self.retryAfter(response.headers)
            let error = StatusErrorMapper.error(
                httpStatus: status, contentType: response.headers.first(name: "content-type"), body: body,
                retryAfter: retryAfter, isLogRequest: request.isLogRequest)
            if status == 429 || (500...599).contains(status), let retryAfter, retries < configuration.maximumRetries {
                retries += 1
                logger.debug("retrying after Retry-After", metadata: ["http.status": "\(status)", "retry": "\(retries)"])
                try await clock.sleep(for: retryAfter, tolerance: nil)
                continue
            }
            throw error
        }
    }

    /// Opens a streaming request (a watch, or a list page read as it arrives): returns once a 2xx head arrived,
    /// leaving the body unread. Non-2xx answers throw, after one credential refresh for a 401 and, with
    /// `honoringRetryAfter` (a list, as `send`), bounded retries of 429/5xx answers that carry `Retry-After`; a
    /// watch's caller decides itself.
    func openStream(_ request: APIRequest, honoringRetryAfter: Bool = false) async throws -> HTTPClientResponse {
        var retries = 0
        var refreshedCredentials = false
        while true {
            let response = try await execute(request, timeout: configuration.requestTimeout)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return response }
            let body = try await collect(response.body, limit: 1 << 20)
            if status == 401, credentials.canRefresh, !refreshedCredentials {
                refreshedCredentials = true
                await credentials.invalidate()
                continue
            }
            let retryAfter = Self.retryAfter(response.headers)
            if honoringRetryAfter, status == 429 || (500...599).contains(status), let retryAfter, retries < configuration.maximumRetries {
                retries += 1
                logger.debug("retrying after Retry-After", metadata: ["http.status": "\(status)", "retry": "\(retries)"])
                try await clock.sleep(for: retryAfter, tolerance: nil)
                continue
            }
            throw StatusErrorMapper.error(
                httpStatus: status, contentType: response.headers.first(name: "content-type"), body: body,
                retryAfter: retryAfter, isLogRequest: request.isLogRequest)
        }
    }

    private func execute(_ request: APIRequest, timeout: Duration) async throws -> HTTPClientResponse {
        var url = baseURL + request.path
        if !request.query.isEmpty { url += "?" + ResourcePath.query(request.query) }
        var httpRequest = HTTPClientRequest(url: url)
        httpRequest.method = request.method
        httpRequest.headers.add(name: "Accept", value: request.accept)
        httpRequest.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let authorization = try await credentials.authorizationHeader() {
            httpRequest.headers.add(name: "Authorization", value: authorization)
        }
        if let body = request.body {
            httpRequest.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            httpRequest.body = .bytes(body)
        }
        do {
            return try await http.execute(httpRequest, timeout: timeout.timeAmount, logger: logger)
        } catch {
            throw Self.transportError(error)
        }
    }

    private func collect(_ body: HTTPClientResponse.Body, limit: Int) async throws -> [UInt8] {
        Array(try await collectBuffer(body, limit: limit).readableBytesView)
    }

    private func collectBuffer(_ body: HTTPClientResponse.Body, limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch {
            throw Self.transportError(error)
        }
    }

    static func transportError(_ error: any Error) -> any Error {
        if error is KubeAPIError || error is CancellationError { return error }
        if Task.isCancelled { return CancellationError() }
        return KubeAPIError.transport(String(describing: error))
    }

    /// `Retry-After` in seconds (the API server never sends the HTTP-date form).
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let value = headers.first(name: "retry-after"), let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            return nil
        }
        return .seconds(seconds)
    }
}
