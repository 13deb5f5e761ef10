import Logging
import MuninnCore
import MuninnDashboard

/// Builds the dashboard from the configuration: its address, authentication, readiness and metrics.
enum DashboardWiring {
    static func service(
        _ settings: DashboardSettings, store: any HistoryStore, metrics: (@Sendable () -> [UInt8])?,
        onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }, logger: Logger
    ) throws(DashboardServiceError) -> DashboardService {
        try DashboardService(
            // The workload timelines light up once the store keeps manifest changes too.
            store: store, changes: store as? any ChangeStore, host: settings.host, port: settings.port, auth: settings.dashboardAuth,
            // Ready when the store answers a query: the dashboard has nothing to show otherwise.
            readiness: { (try? await store.incidents(IncidentQuery(limit: 1))) != nil }, metrics: metrics, onListening: onListening,
            logger: logger)
    }

    /// `http://127.0.0.1:8080/`, with IPv6 hosts bracketed.
    static func url(host: String, port: Int) -> String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/" }
}
