import Foundation
import Hummingbird
import Logging
import MuninnCore
import NIOCore
import ServiceLifecycle

/// The dashboard: server-rendered pages and a read-only JSON API over a `HistoryStore`, plus `/healthz`,
/// `/readyz` and `/metrics`. Runs until graceful shutdown, beside the pipeline in a `ServiceGroup`.
///
/// ```swift
/// let dashboard = try DashboardService(
///     store: store, changes: store as? any ChangeStore, host: "127.0.0.1", port: 8080, auth: .none,
///     readiness: { await pipelineState.listed }, metrics: { registry.emitToBuffer() },
///     onListening: { host, port in print("Dashboard: http://\(host):\(port)/") }, logger: logger)
/// let group = ServiceGroup(services: [pipeline, dashboard], logger: logger)
/// ```
public struct DashboardService: Service {
    public let host: String
    public let port: Int
    private let routes: DashboardRoutes
    let auth: DashboardAuth
    private let onListening: @Sendable (_ host: String, _ port: Int) async -> Void
    private let logger: Logger

    /// Throws when `host` is not a loopback address and `auth` is `.none` (see `DashboardAccessPolicy`).
    /// - Parameters:
    ///   - port: 0 picks a free port; `onListening` receives the bound one.
    ///   - readiness: answers `/readyz` (e.g. "the store opened and the first list is done").
    ///   - metrics: the Prometheus text exposition of the process's metrics for `/metrics`; nil serves 404 there.
    ///   - now: the moment relative filters (`since=2h`) count back from.
    ///   - changes: the manifest change history shown on workload timelines; nil: the timelines say change
    ///     history is not enabled and show incidents only.
    public init(
        store: any HistoryStore, changes: (any ChangeStore)? = nil, host: String = "127.0.0.1", port: Int = 8080, auth: DashboardAuth = .none,
        readiness: @escaping @Sendable () async -> Bool = { true }, metrics: (@Sendable () -> [UInt8])? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }, logger: Logger
    ) throws(DashboardServiceError) {
        if let refusal = DashboardAccessPolicy.refusal(host: host, auth: auth) { throw DashboardServiceError("dashboard: \(refusal)") }
        self.host = host
        self.port = port
        self.auth = auth
        self.routes = DashboardRoutes(store: store, changes: changes, readiness: readiness, metrics: metrics, now: now)
        self.onListening = onListening
        self.logger = logger
    }

    public func run() async throws {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: DashboardMiddleware(auth: auth, logger: logger))
        routes.add(to: router)
        let onListening = self.onListening
        let host = self.host
        let logger = self.logger
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("dashboard listening", metadata: ["address": "\(host):\(port)"])
                await onListening(host, port)
            }, logger: logger)
        try await application.run()
    }
}
