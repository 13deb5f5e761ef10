import CoreMetrics
import Prometheus

/// The process's metrics: swift-metrics backed by one Prometheus registry, which `/metrics` renders.
/// Bootstrapped at most once per process (swift-metrics allows one bootstrap), on first use.
enum MetricsBootstrap {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The text exposition (format 0.0.4) of every metric so far.
    static func exposition() -> [UInt8] { registry.emitToBuffer() }
}
