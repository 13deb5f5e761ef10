import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import NotifierFakes
import Testing

/// The real pipeline while the API server misbehaves in every way a watch can break: streams closed, dropped,
/// cut in the middle of an event, history compacted (410 Gone) in the middle of a burst, requests failing with
/// 500/503/429 as during an apiserver restart. Every crash arrives exactly once, and nothing else does.
@Suite(.timeLimit(.minutes(3)))
struct WatchFaultTests {
    static let workloads = (0..<24).map { "w\($0)" }

    static let scenario = FaultSetup.scenario(workloads)

    /// One fault after every fourth crash, each kind twice over the burst.
    static let faults: [(name: String, inject: @Sendable (Simulator) -> Void)] = [
        ("watch closed", { $0.closeAllWatches() }),
        ("connection dropped", { $0.abortAllWatches() }),
        ("cut mid-event", { $0.cutWatchesMidEvent() }),
        ("history compacted (410)", { $0.compactHistory() }),
        ("apiserver restarting (dropped, then 503 x3)", { simulator in
            simulator.abortAllWatches()
            simulator.failNext(count: 3, status: 503)
        }),
        ("throttled (429 with Retry-After)", { simulator in
            simulator.closeAllWatches()
            simulator.failNext(count: 2, status: 429, retryAfter: 1)
        }),
    ]

    @Test func everyCrashArrivesOnceWhileTheWatchKeepsBreaking() async throws {
        try await TestCluster.with(scenario: Self.scenario, playFor: 10) { cluster in
            try await withFakeWebhook(FakeWebhookReceiver()) { webhook, webhookURL in
                let harness = try PipelineHarness(
                    yaml: """
                        cluster:
                          name: faults
                        destinations:
                          audit:
                            type: webhook
                            url: \(webhookURL)
                        alerts:
                          notReadyAfter: off
                          flood:
                            expiry: off
                        """, cluster: cluster, storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                let pods = try FaultSetup.pods(of: Self.workloads, in: cluster)
                try await harness.running {
                    var injected: [String] = []
                    for (index, workload) in Self.workloads.enumerated() {
                        try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3)))
                        if index % 4 == 3 {
                            let fault = Self.faults[(index / 4) % Self.faults.count]
                            fault.inject(cluster.simulator)
                            injected.append(fault.name)
                        }
                    }
                    // A relist reports what changed in list order, not in the order it happened: wait for all 24 first,
                    // then let the sentinel show that nothing else was queued behind them.
                    _ = try await webhook.waitForMessages(Self.workloads.count)
                    let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                    let byPod = Dictionary(grouping: deliveries) { "prod/" + ($0.payload["pod"]?.stringValue ?? "") }
                    for workload in Self.workloads {
                        #expect(byPod[pods[workload] ?? ""]?.count == 1, "\(workload): \(byPod[pods[workload] ?? ""]?.count ?? 0) alerts")
                    }
                    #expect(deliveries.count == Self.workloads.count, "\(deliveries.map { $0.payload["pod"]?.stringValue ?? "" })")
                    #expect(webhook.snapshot.duplicates == 0)
                    #expect(injected.count == 6)
                    print("watch faults: \(Self.workloads.count) crashes, \(injected.count) faults (\(injected.joined(separator: ", "))), delivered \(deliveries.count), duplicated \(webhook.snapshot.duplicates)")
                }
            }
        }
    }
}
