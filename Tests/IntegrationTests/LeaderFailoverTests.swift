import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import Logging
import MuninnCore
import MuninnStore
import MuninnTesting
import NotifierFakes
import Testing

@testable import Muninn

/// Two replicas of the real pipeline behind leader election on the simulator's Lease, sharing one store: the
/// leader is killed while alerts wait in the outbox, the other takes over, and every alert arrives exactly once.
@Suite(.timeLimit(.minutes(3)))
struct LeaderFailoverTests {
    static let logger = Logger(label: "test.failover")
    static let workloads = (0..<8).map { "w\($0)" }

    static let scenario = FaultSetup.scenario(workloads)

    /// One replica: its own candidate identity and clock, the shared store, the real pipeline of `muninn run`.
    struct Replica: Sendable {
        let gated: LeaderGatedService
        let clock: ManualClock
        let synced: AsyncStream<Void>

        init(identity: String, client: KubeClient, store: any OutboxStore, assembly: PipelineAssembly, releaseOnShutdown: Bool) throws {
            let clock = ManualClock()
            let (synced, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let elector = LeaderElector(
                config: LeaderElectionConfig(namespace: "prod", leaseName: "muninn", identity: identity, releaseOnShutdown: releaseOnShutdown),
                lock: KubeLeaseLock(client: client, namespace: "prod", name: "muninn"), clock: clock, now: { clock.date }, random: { 0 },
                logger: LeaderFailoverTests.logger)
            let notifiers = try assembly.notifiers()
            gated = LeaderGatedService(elector: elector, logger: LeaderFailoverTests.logger) {
                [
                    assembly.service(
                        store: store, notifiers: notifiers,
                        onEvent: { event, _ in
                            if case .synced = event { continuation.yield() }
                        }, logger: Logger(label: "test.failover.\(identity)"))
                ]
            }
            self.clock = clock
            self.synced = synced
        }

        func waitUntilSynced() async {
            var iterator = synced.makeAsyncIterator()
            _ = await iterator.next()
        }
    }

    @Test func theLeaderKilledWithAlertsInTheOutboxLosesAndRepeatsNothing() async throws {
        try await TestCluster.with(scenario: Self.scenario, playFor: 10) { cluster in
            try await withFakeWebhook(FakeWebhookReceiver()) { webhook, webhookURL in
                let storePath = cluster.directory.appendingPathComponent("shared.db").path
                let configuration = try MuninnConfiguration.parse(
                    FaultSetup.configuration(
                        cluster: "ha", kubeconfig: cluster.kubeconfigPath, webhookURL: webhookURL, store: "store:\n  path: \(storePath)\n"),
                    file: "ha.yaml")
                let assembly = PipelineAssembly(configuration: configuration, consoleWrite: { _ in })
                let kubeConfig = try KubeConfig.load(kubeconfigPath: cluster.kubeconfigPath, context: nil)
                let pods = try FaultSetup.pods(of: Self.workloads + ["sentinel"], in: cluster)

                try await SQLiteStore.withStore(path: storePath, logger: Self.logger) { store in
                    try await KubeClient.withKubeClient(config: kubeConfig, logger: Self.logger) { client in
                        let a = try Replica(identity: "replica-a", client: client, store: store, assembly: assembly, releaseOnShutdown: false)
                        let b = try Replica(identity: "replica-b", client: client, store: store, assembly: assembly, releaseOnShutdown: true)
                        let (kill, killSwitch) = AsyncStream.makeStream(of: Void.self)
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            // Replica a, killed by the switch: cancelled without draining or releasing its lease.
                            group.addTask {
                                try await withThrowingTaskGroup(of: Void.self) { replica in
                                    replica.addTask { try? await a.gated.run() }
                                    replica.addTask {
                                        var iterator = kill.makeAsyncIterator()
                                        _ = await iterator.next()
                                    }
                                    _ = try await replica.next()
                                    replica.cancelAll()
                                }
                            }
                            await a.waitUntilSynced()
                            group.addTask { try await b.gated.run() }
                            // b reads the lease (a's, valid) and waits for its next try.
                            await b.clock.waitForSleeper(dueIn: .seconds(2))

                            // Two crashes delivered by a.
                            for workload in Self.workloads.prefix(2) { try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3))) }
                            _ = try await webhook.waitForMessages(2)
                            // The destination goes down: three more crashes wait in the outbox, retried by a.
                            webhook.failNext(10_000, with: .text("unavailable", status: 503))
                            for workload in Self.workloads[2..<5] { try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3))) }
                            while webhook.snapshot.requests.count < 3 && !Task.isCancelled { await Task.yield() }
                            killSwitch.yield()
                            killSwitch.finish()
                            // Nobody leads: three more crashes happen unseen.
                            for workload in Self.workloads[5..<8] { try cluster.perform(.crash(target: pods[workload] ?? "", exit: .error(exitCode: 3))) }
                            webhook.update { $0.scripted.removeAll() }
                            // b's clock: the lease it saw has not changed for 16 s, so it is free.
                            for _ in 0..<8 {
                                await b.clock.waitForSleeper(dueIn: .seconds(2))
                                b.clock.advance(by: .seconds(2))
                            }
                            await b.waitUntilSynced()
                            let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                            let byPod = Dictionary(grouping: deliveries) { $0.payload["pod"]?.stringValue ?? "" }
                            for workload in Self.workloads {
                                let pod = String((pods[workload] ?? "").dropFirst("prod/".count))
                                #expect(
                                    byPod[pod]?.count == 1,
                                    "\(workload): \((byPod[pod] ?? []).map { "\($0.payload["kind"]?.stringValue ?? "") \($0.payload["reason"]?.stringValue ?? "") late=\($0.payload["seenLate"]?.boolValue ?? false) id=\($0.payload["id"]?.stringValue ?? "")" })")
                            }
                            #expect(deliveries.count == Self.workloads.count)
                            #expect(webhook.snapshot.duplicates == 0)
                            let lease = try await client.get(.leases, namespace: "prod", name: "muninn", as: Lease.self)
                            #expect(lease.spec.holderIdentity == "replica-b")
                            #expect(lease.spec.leaseTransitions == 1)
                            group.cancelAll()
                        }
                    }
                }
            }
        }
    }
}
