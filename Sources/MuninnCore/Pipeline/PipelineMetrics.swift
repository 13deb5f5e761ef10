import CoreMetrics
import KubeAPI

/// What the pipeline counts, through swift-metrics: the process bootstraps a backend (Prometheus for
/// `/metrics`); without one the counts go nowhere. Labels have few values each: kinds, reasons, destination
/// names and outcomes, never pod names.
public struct PipelineMetrics: Sendable {
    private let factory: any MetricsFactory
    private let watchEvents: Counter
    private let relists: Counter

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        watchEvents = Counter(label: "muninn_watch_events_total", factory: factory)
        relists = Counter(label: "muninn_watch_relists_total", factory: factory)
    }

    func watchEvent() { watchEvents.increment() }

    /// A `.synced` after the first: the watch expired (410) or failed and the pods were listed again.
    func relisted() { relists.increment() }

    /// A reflector watched or listed again (`KubeClient.reflector`'s `onRestart`): `muninn_watch_restarts_total{reason}`
    /// with `ended` (the server's watch timeout: a steady trickle is normal), `expired` (410, relisted) or `failed`.
    public func watchRestarted(_ reason: WatchRestartReason) {
        Counter(label: "muninn_watch_restarts_total", dimensions: [("reason", reason.rawValue)], factory: factory).increment()
    }

    func incident(_ incident: Incident) {
        Counter(
            label: "muninn_incidents_total", dimensions: [("kind", incident.kind.rawValue), ("reason", incident.reason ?? "")], factory: factory
        ).increment()
    }

    /// An enriched alert: `queued` for delivery, or `suppressed` (muted, no route, flood control, ...).
    func alert(queued: Bool) {
        Counter(label: "muninn_alerts_total", dimensions: [("outcome", queued ? "queued" : "suppressed")], factory: factory).increment()
    }

    /// One delivery attempt's outcome: `delivered`, `retry` or `failed`.
    func delivery(destination: String, outcome: String) {
        Counter(label: "muninn_deliveries_total", dimensions: [("destination", destination), ("outcome", outcome)], factory: factory)
            .increment()
    }

    func storeError(operation: String) {
        Counter(label: "muninn_store_errors_total", dimensions: [("operation", operation)], factory: factory).increment()
    }
}
