import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import NotifierFakes
import Testing

/// The shared PostgreSQL store restarted under a running `muninn` (every connection cut in the middle of a burst
/// of crashes): Muninn waits for it instead of dropping anything, and every crash arrives exactly once.
/// The server is one of its own (scripts/postgres-test-server.sh), so the other tests' server is not disturbed.
@Suite(.timeLimit(.minutes(4)))
struct PostgresRestartTests {
    static let workloads = (0..<8).map { "w\($0)" }

    static let scenario = FaultSetup.scenario(workloads)

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres-test-server.sh").path

    @Test func aRestartOfPostgreSQLLosesAndRepeatsNothing() async throws {
        let started = try await ExternalProcess.run("/bin/bash", [Self.script, "start"], timeout: .seconds(120))
        try #require(started.status == 0, "starting a PostgreSQL server: \(started.stderr)")
        let exports = Dictionary(
            started.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.replacingOccurrences(of: "export ", with: "").split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { return nil }
                return (String(parts[0]), String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'")))
            }, uniquingKeysWith: { $1 })
        let dsn = try #require(exports["MUNINN_TEST_POSTGRES_DSN"])
        let directory = try #require(exports["MUNINN_TEST_POSTGRES_DIR"])
        // Stopped however the test ends (`defer` cannot await the script).
        do {
            try await Self.restartPostgreSQLUnderMuninn(dsn: dsn, directory: directory)
        } catch {
            await Self.stopServer(directory)
            throw error
        }
        await Self.stopServer(directory)
    }

    private static func stopServer(_ directory: String) async {
        let stopped = try? await ExternalProcess.run("/bin/bash", [script, "stop", directory], timeout: .seconds(60))
        #expect(stopped?.status == 0, "stopping the PostgreSQL server: \(stopped?.stderr ?? "not started")")
    }

    private static func restartPostgreSQLUnderMuninn(dsn: String, directory: String) async throws {
        try await TestCluster.with(scenario: Self.scenario, playFor: 10) { cluster in
            try await withFakeWebhook(FakeWebhookReceiver()) { webhook, webhookURL in
                let configPath = cluster.directory.appendingPathComponent("muninn.yaml").path
                try FaultSetup.configuration(
                    cluster: "pg-restart", kubeconfig: cluster.kubeconfigPath, webhookURL: webhookURL, store: "store:\n  dsn: \(dsn)\n"
                ).write(toFile: configPath, atomically: true, encoding: .utf8)
                let pods = try FaultSetup.pods(of: Self.workloads, in: cluster)

                try await MuninnProcess.with(["run", "--config", configPath]) { muninn in
                    try await muninn.waitFor("pod list in sync")
                    for workload in Self.workloads.prefix(4) { try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3))) }
                    _ = try await webhook.waitForMessages(2)
                    let restarted = try await ExternalProcess.run("/bin/bash", [Self.script, "restart", directory], timeout: .seconds(90))
                    try #require(restarted.status == 0, "restarting PostgreSQL: \(restarted.stderr)")
                    let restart = ContinuousClock.now
                    for workload in Self.workloads.suffix(4) { try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3))) }
                    let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                    let recovery = ContinuousClock.now - restart
                    let byPod = Dictionary(grouping: deliveries) { "prod/" + ($0.payload["pod"]?.stringValue ?? "") }
                    for workload in Self.workloads {
                        #expect(byPod[pods[workload] ?? ""]?.count == 1, "\(workload)")
                    }
                    #expect(deliveries.count == Self.workloads.count)
                    #expect(webhook.snapshot.duplicates == 0)
                    print("postgres restart: \(Self.workloads.count) crashes, delivered \(deliveries.count), duplicated \(webhook.snapshot.duplicates), recovered in \(recovery)")
                }
            }
        }
    }
}
