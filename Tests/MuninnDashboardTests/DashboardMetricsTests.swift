import CoreMetrics
import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnStore
import MuninnTesting
import Prometheus
import Testing

/// The metrics issue 4 asks for, as `/metrics` shows them: watch restarts by reason and the store's size.
@Suite struct DashboardMetricsTests {
    @Test(.timeLimit(.minutes(1))) func watchRestartsByReasonAndTheStoreSize() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        let pipeline = PipelineMetrics(factory: factory)
        for reason: WatchRestartReason in [.ended, .ended, .expired, .failed] { pipeline.watchRestarted(reason) }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }  // try?: a temporary directory only
        let path = directory.appendingPathComponent("muninn.db").path
        let remaining = try await SQLiteStore.withStore(path: path, logger: Logger(label: "metrics")) { store in
            try await HistoryFixture.fill(store)
            return await RetentionService(store: store, policy: RetentionPolicy(), metrics: factory).pruneOnce()?.bytesRemaining
        }
        let bytes = try #require(remaining)
        #expect(bytes > 1_000)

        try await DashboardHarness.with(metrics: { registry.emitToBuffer() }) { dashboard in
            let body = try await dashboard.get("/metrics").body
            #expect(body.contains("# TYPE muninn_watch_restarts_total counter"))
            #expect(body.contains(#"muninn_watch_restarts_total{reason="ended"} 2"#))
            #expect(body.contains(#"muninn_watch_restarts_total{reason="expired"} 1"#))
            #expect(body.contains(#"muninn_watch_restarts_total{reason="failed"} 1"#))
            #expect(body.contains("# TYPE muninn_store_bytes gauge"))
            #expect(body.contains("muninn_store_bytes \(Double(bytes))"), "\(body)")
        }
    }
}
