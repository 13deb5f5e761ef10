import CoreMetrics
import Foundation
import Prometheus
import Synchronization
import Testing

@Suite struct DashboardHealthTests {
    @Test(.timeLimit(.minutes(1))) func healthAndReadiness() async throws {
        let ready = ReadyFlag()
        try await DashboardHarness.with(readiness: { ready.value.withLock { $0 } }) { dashboard in
            let alive = try await dashboard.get("/healthz")
            #expect(alive.status == 200)
            #expect(alive.body == "ok\n")
            #expect(try await dashboard.get("/readyz").status == 503)
            ready.value.withLock { $0 = true }
            #expect(try await dashboard.get("/readyz").status == 200)
            #expect(try await dashboard.get("/metrics").status == 404)
        }
    }

    @Test(.timeLimit(.minutes(1))) func metricsInPrometheusTextFormat() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        let counter = factory.makeCounter(label: "muninn_incidents_total", dimensions: [("kind", "containerTerminated"), ("reason", "OOMKilled")])
        counter.increment(by: 2)
        try await DashboardHarness.with(metrics: { registry.emitToBuffer() }) { dashboard in
            let reply = try await dashboard.get("/metrics")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(reply.body.contains("# TYPE muninn_incidents_total counter"))
            #expect(reply.body.contains(#"muninn_incidents_total{kind="containerTerminated",reason="OOMKilled"} 2"#))
            counter.increment(by: 1)
            #expect(try await dashboard.get("/metrics").body.contains(#"reason="OOMKilled"} 3"#))
        }
    }
}

/// A readiness answer the test flips.
final class ReadyFlag: Sendable {
    let value = Mutex(false)
}
