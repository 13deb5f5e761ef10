import AsyncHTTPClient
import Foundation
import KubeletModel
import Logging
import MuninnStore
import NIOCore
import ServiceLifecycle
import Testing

@testable import Muninn

/// The real `muninn demo` wiring: simulator over HTTPS with a token, scenario runner, and the
/// watcher connecting through the kubeconfig the simulator wrote.
@Suite struct DemoTests {
    @Test(.timeLimit(.minutes(2)))
    func demoReportsAFailureSeenThroughTheRealClient() async throws {
        let scenario = Scenario(
            namespaces: ["demo"], nodes: ["node-1"],
            workloads: [
                WorkloadSpec(kind: .deployment, name: "broken", namespace: "demo", containers: [
                    ContainerBlueprint(name: "app", image: "ghcr.io/acme/app:1", behaviour: .configError(message: "secret \"db\" not found"))
                ])
            ],
            timeline: [])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-demo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }  // try?: temp files only

        let (lines, output) = AsyncStream.makeStream(of: String.self)
        var seen: [String] = []
        try await SQLiteStore.withStore(path: directory.appendingPathComponent("muninn.db").path, logger: Logger(label: "demo-test")) { store in
            let services = try DemoServices.make(
                scenario: scenario, seed: 1, kubeconfigPath: directory.appendingPathComponent("kubeconfig").path, store: store, duration: nil,
                history: store, output: { output.yield($0) })
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: Logger(label: "demo-test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for await line in lines {
                    seen.append(line)
                    if seen.contains(where: { $0.hasPrefix("!! ALERT") }), seen.contains(where: { $0.hasPrefix("Dashboard: ") }) { break }
                }
                // The alert was stored before it was printed, so the dashboard's API already lists it.
                if let url = seen.first(where: { $0.hasPrefix("Dashboard: ") })?.dropFirst("Dashboard: ".count) {
                    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "api/v1/incidents"), timeout: .seconds(30))
                    let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
                    #expect(body.contains(#""reason":"CreateContainerConfigError""#))
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
        #expect(seen.contains { $0.hasPrefix("Simulated cluster listening on https://127.0.0.1:") })
        #expect(seen.contains { $0.contains("demo/broken-") && $0.contains("waiting: CreateContainerConfigError") })
        #expect(seen.contains { $0.hasPrefix("Dashboard: http://127.0.0.1:") && $0.hasSuffix("/") })
        let alert = try #require(seen.last { $0.hasPrefix("!! ALERT") })
        #expect(alert.hasPrefix("!! ALERT Container cannot start: demo/broken-") && alert.contains("container app: CreateContainerConfigError [demo]"))
        #expect(alert.contains("workload Deployment/broken"))
    }
}
