import Foundation
import KubeJSON
import KubeletModel
import NotifierFakes
import Testing

/// The real `muninn run` process, as a pod runs it (no terminal): JSON logs by default, a start-up summary without
/// secrets, and on SIGTERM a drain that delivers what is queued before the process exits.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct GracefulShutdownTests {
    static let workloads = ["a", "b", "c"]

    @Test func sigtermDeliversWhatIsQueuedBeforeExiting() async throws {
        try await TestCluster.with(scenario: FaultSetup.scenario(Self.workloads), playFor: 10) { cluster in
            try await withFakeWebhook(FakeWebhookReceiver()) { webhook, webhookURL in
                let token = "canary-drain-token-5e1d"
                let configPath = cluster.directory.appendingPathComponent("muninn.yaml").path
                let yaml = FaultSetup.configuration(
                    cluster: "drain", kubeconfig: cluster.kubeconfigPath, webhookURL: "\(webhookURL)?token=\(token)",
                    store: "store:\n  path: \(cluster.directory.appendingPathComponent("muninn.db").path)\nlog:\n  level: debug\n")
                try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
                let pods = try FaultSetup.pods(of: Self.workloads + ["sentinel"], in: cluster)
                // The destination is down until Muninn has been told to stop.
                webhook.failNext(10_000, with: .text("", status: 503))

                try await MuninnProcess.with(["run", "--config", configPath]) { muninn in
                    try await muninn.waitFor("pod list in sync")
                    for workload in Self.workloads { try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3))) }
                    try await muninn.waitFor("alert queued", count: Self.workloads.count)
                    try await muninn.waitFor("delivery failed; will retry")
                    #expect(webhook.deliveries.isEmpty)

                    muninn.sendTerminate()
                    try await muninn.waitFor("draining the outbox before stopping")
                    webhook.update { $0.scripted.removeAll() }  // the destination is back
                    try await muninn.waitFor("outbox drained: every queued alert was delivered")
                    #expect(await muninn.exited() == 0)
                    #expect(webhook.deliveries.count == Self.workloads.count)

                    // No terminal: one JSON object per line, the summary first among Muninn's own lines.
                    let lines = muninn.output.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }
                    let starting = try #require(lines.first { $0["msg"]?.stringValue == "starting" })
                    #expect(starting["cluster"]?.stringValue == "drain")
                    #expect(starting["destinations"]?.stringValue == "audit (webhook)")
                    #expect(starting["store"]?.stringValue?.hasPrefix("sqlite /") == true)
                    #expect(starting["dashboard"]?.stringValue == "off")
                    #expect(starting["drain_timeout"]?.stringValue == "25s")
                    #expect(starting["server"]?.stringValue?.hasPrefix("https://127.0.0.1:") == true)
                    #expect(!muninn.output.contains(token), "the webhook URL's token is in the log")
                }
            }
        }
    }
}
