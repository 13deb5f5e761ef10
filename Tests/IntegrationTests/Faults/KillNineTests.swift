import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import NotifierFakes
import Testing

/// The real `muninn` process killed with SIGKILL in the middle of a burst of crashes, then started again on the
/// same store: every crash arrives exactly once. Counted at the receiver: alerts expected, delivered, lost,
/// duplicated (an alert id seen twice), and re-sent requests (the one unavoidable window: requests the
/// receiver accepted just before the kill, before Muninn could record them; the webhook's stable `webhook-id` lets
/// the receiver drop them). A webhook lane sends on while earlier outcomes are being recorded, so up to
/// `resentAtMost` requests may be in that window.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct KillNineTests {
    static let workloads = (0..<12).map { "w\($0)" }
    /// The sends a webhook lane may have in flight (`NotifierDispatch.pipelineDepth`).
    static let resentAtMost = 16

    static let scenario = FaultSetup.scenario(workloads)

    struct Report: CustomStringConvertible {
        var store: String
        var expected: Int
        var delivered: Int
        var lost: Int
        var duplicated: Int
        var resent: Int
        var deliveredBeforeKill: Int
        var recoverySeconds: Double

        var description: String {
            "kill -9 (\(store)): expected \(expected), delivered \(delivered), lost \(lost), duplicated \(duplicated), "
                + "re-sent requests \(resent), delivered before the kill \(deliveredBeforeKill), recovered in \(String(format: "%.2f", recoverySeconds)) s"
        }
    }

    @Test func sqliteKilledMidBurst() async throws {
        let report = try await Self.killMidBurst(storeName: "SQLite") { directory in
            "store:\n  path: \(directory.appendingPathComponent("muninn.db").path)\n"
        }
        print(report)
        #expect(report.lost == 0 && report.duplicated == 0 && report.resent <= Self.resentAtMost, "\(report)")
    }

    @Test func postgresKilledMidBurst() async throws {
        let dsn = try #require(
            ProcessInfo.processInfo.environment["MUNINN_TEST_POSTGRES_DSN"].flatMap { $0.isEmpty ? nil : $0 },
            "MUNINN_TEST_POSTGRES_DSN is not set: run the tests with scripts/test.sh (it starts PostgreSQL)")
        let database = "muninn_kill_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Self.psql(dsn, "CREATE DATABASE \(database)")
        let report = try await Self.killMidBurst(storeName: "PostgreSQL") { _ in
            "store:\n  dsn: \(Self.replacingDatabase(in: dsn, with: database))\n"
        }
        try await Self.psql(dsn, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        print(report)
        #expect(report.lost == 0 && report.duplicated == 0 && report.resent <= Self.resentAtMost, "\(report)")
    }

    static func killMidBurst(storeName: String, store: (URL) -> String) async throws -> Report {
        try await TestCluster.with(scenario: scenario, playFor: 10) { cluster in
            try await withFakeWebhook(FakeWebhookReceiver()) { webhook, webhookURL in
                let configPath = cluster.directory.appendingPathComponent("muninn.yaml").path
                let yaml = FaultSetup.configuration(
                    cluster: "kill9", kubeconfig: cluster.kubeconfigPath, webhookURL: webhookURL, store: store(cluster.directory))
                try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
                let pods = try FaultSetup.pods(of: workloads + ["sentinel"], in: cluster)

                let deliveredBeforeKill = try await MuninnProcess.with(["run", "--config", configPath]) { first in
                    try await first.waitFor("pod list in sync")
                    for workload in workloads.prefix(6) { try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3))) }
                    _ = try await webhook.waitForMessages(2)
                    await first.kill9()
                    return webhook.deliveries.count
                }
                // Down: six more crashes.
                for workload in workloads.suffix(6) { try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3))) }

                let restart = ContinuousClock.now
                return try await MuninnProcess.with(["run", "--config", configPath]) { second in
                    try await second.waitFor("pod list in sync")
                    let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                    let recovery = ContinuousClock.now - restart
                    let alertIDs = deliveries.compactMap { $0.payload["id"]?.stringValue }
                    let deliveredWorkloads = Set(deliveries.compactMap { delivery in
                        workloads.first { pods[$0] == "prod/\(delivery.payload["pod"]?.stringValue ?? "")" }
                    })
                    return Report(
                        store: storeName, expected: workloads.count, delivered: deliveries.count, lost: workloads.count - deliveredWorkloads.count,
                        duplicated: alertIDs.count - Set(alertIDs).count + max(0, deliveries.count - workloads.count), resent: webhook.snapshot.duplicates,
                        deliveredBeforeKill: deliveredBeforeKill,
                        recoverySeconds: Double(recovery.components.seconds) + Double(recovery.components.attoseconds) / 1e18)
                }
            }
        }
    }

    static func psql(_ dsn: String, _ sql: String) async throws {
        let outcome = try await ExternalProcess.run("psql", [dsn, "-v", "ON_ERROR_STOP=1", "-c", sql], timeout: .seconds(30))
        #expect(outcome.status == 0, "psql: \(outcome.stderr)")
    }

    /// The DSN with its database (the URL path) replaced.
    static func replacingDatabase(in dsn: String, with database: String) -> String {
        guard var components = URLComponents(string: dsn) else { return dsn }
        components.path = "/" + database
        return components.string ?? dsn
    }
}
