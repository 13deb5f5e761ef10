import AsyncHTTPClient
import Foundation
import KubeletModel
import Logging
import MuninnStore
import NIOCore
import ServiceLifecycle
import Testing

@testable import Muninn

/// docs/metrics.md lists exactly what Muninn exports: the metrics a running pipeline serves at `/metrics` are all
/// documented, and every metric the sources create is documented and every documented one is created somewhere.
@Suite struct MetricsReferenceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The metric names of docs/metrics.md's reference table.
    static func documented() throws -> Set<String> {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        let row = try Regex("^\\| `(muninn_[a-z_]+)` \\|")
        return Set(text.split(separator: "\n").compactMap { line in
            line.firstMatch(of: row).flatMap { $0.output[1].substring.map(String.init) }
        })
    }

    /// Every `label: "muninn_..."` in Sources/: the metrics the code can create.
    static func created() throws -> Set<String> {
        let pattern = try Regex("label: \"(muninn_[a-z_]+)\"")
        var names: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: repository.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            for match in try String(contentsOf: url, encoding: .utf8).matches(of: pattern) {
                if let name = match.output[1].substring { names.insert(String(name)) }
            }
        }
        return names
    }

    @Test func everyMetricInTheSourcesIsDocumentedAndViceVersa() throws {
        let documented = try Self.documented()
        let created = try Self.created()
        #expect(created.count >= 10, "the source scan found too few metrics: \(created.sorted())")
        #expect(created.subtracting(documented).sorted() == [], "created in Sources/ but not in docs/metrics.md")
        #expect(documented.subtracting(created).sorted() == [], "in docs/metrics.md but created nowhere")
    }

    @Test(.timeLimit(.minutes(2)))
    func whatARunningPipelineServesIsDocumented() async throws {
        _ = MetricsBootstrap.registry  // before the pipeline creates its counters, as `muninn run` does
        let scenario = Scenario(
            namespaces: ["demo"], nodes: ["node-1"],
            workloads: [
                WorkloadSpec(kind: .deployment, name: "broken", namespace: "demo", containers: [
                    ContainerBlueprint(name: "app", image: "ghcr.io/acme/app:1", behaviour: .configError(message: "secret \"db\" not found"))
                ])
            ],
            timeline: [])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-metrics-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }  // try?: temp files only

        let (lines, output) = AsyncStream.makeStream(of: String.self)
        var exposition = ""
        try await SQLiteStore.withStore(path: directory.appendingPathComponent("muninn.db").path, logger: Logger(label: "metrics-test")) { store in
            let services = try DemoServices.make(
                scenario: scenario, seed: 1, kubeconfigPath: directory.appendingPathComponent("kubeconfig").path, store: store, duration: nil,
                history: store, metrics: MetricsBootstrap.exposition, output: { output.yield($0) })
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: Logger(label: "metrics-test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var seen: [String] = []
                for await line in lines {
                    seen.append(line)
                    if seen.contains(where: { $0.hasPrefix("!! ALERT") }), seen.contains(where: { $0.hasPrefix("Dashboard: ") }) { break }
                }
                if let url = seen.first(where: { $0.hasPrefix("Dashboard: ") })?.dropFirst("Dashboard: ".count) {
                    // The console printed the alert just before the delivery was counted: scrape until it is.
                    repeat {
                        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "metrics"), timeout: .seconds(30))
                        exposition = String(buffer: try await response.body.collect(upTo: 1 << 22))
                    } while !exposition.contains("muninn_deliveries_total{")
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
        let served = Set(exposition.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("# TYPE muninn_") else { return nil }
            return line.split(separator: " ").dropFirst(2).first.map(String.init)
        })
        // A pipeline that detected, enriched and delivered an alert has served these at least.
        for name in ["muninn_watch_events_total", "muninn_incidents_total", "muninn_alerts_total", "muninn_deliveries_total"] {
            #expect(served.contains(name), "\(name) was not served")
        }
        #expect(served.subtracting(try Self.documented()).sorted() == [], "served at /metrics but not in docs/metrics.md")
    }
}
