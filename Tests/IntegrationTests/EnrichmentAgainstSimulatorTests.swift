import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import Logging
import MuninnCore
import Testing

@testable import Muninn

/// The detector's crash incident enriched through the real client against the simulator, where the kubelet model
/// has written the previous instance's log, BackOff events, the Deployment -> ReplicaSet -> Pod chain and the node.
@Suite(.timeLimit(.minutes(1)))
struct EnrichmentAgainstSimulatorTests {
    static let logger = Logger(label: "muninn.tests.enrichment")

    /// The crash-looping pod's termination incident, as the detector reports it on a first list.
    static func crashIncident(in cluster: TestCluster, client: KubeClient) async throws -> Incident {
        let name = try cluster.podName(of: "crashy")
        let pod = try await client.get(.pods, namespace: TestCluster.namespace, name: name, as: Pod.self)
        var detector = CrashDetector(configuration: .init(notReadyThreshold: nil, reportExistingOnStart: true))
        let incidents = detector.observe(.added(pod), now: cluster.clock) + detector.observe(.synced, now: cluster.clock)
        return try #require(incidents.last { $0.kind == .containerTerminated && $0.container == "app" })
    }

    @Test func aCrashLoopingDeploymentsCrashGetsLogsEventsWorkloadAndNode() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withClient { client in
                let incident = try await Self.crashIncident(in: cluster, client: client)
                let enricher = AlertEnricher(configuration: .init(clusterName: "sim"))
                let alert = await enricher.enrich(incident, reader: KubeClusterReader(client: client), logger: Self.logger)

                let containerID = try #require(incident.containerID)
                let lastWords = try #require(
                    cluster.simulator.logText(containerID: containerID).split(separator: "\n").last { !$0.isEmpty })
                #expect(alert.kind == .crashed)
                #expect(alert.cluster == "sim")
                #expect(alert.logsUnavailableReason == nil)
                #expect(alert.logs?.contains(lastWords) == true)
                #expect(alert.events.contains { $0.hasPrefix("BackOff: ") })
                #expect(alert.workload == Alert.Workload(kind: "Deployment", name: "crashy"))
                #expect(alert.node == "node-1")
                #expect(alert.exitCode == 3)
            }
        }
    }

    @Test func aPodDeletedBeforeEnrichmentStillGivesAnAlert() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withClient { client in
                let incident = try await Self.crashIncident(in: cluster, client: client)
                try cluster.simulator.delete(.pods, namespace: TestCluster.namespace, name: incident.podName)
                let enricher = AlertEnricher(configuration: .init(clusterName: "sim"))
                let alert = await enricher.enrich(incident, reader: KubeClusterReader(client: client), logger: Self.logger)
                #expect(alert.kind == .crashed)
                #expect(alert.logs == nil)
                #expect(alert.logsUnavailableReason == "pod deleted")
                #expect(alert.pod == incident.podName)
                #expect(alert.workload == Alert.Workload(kind: "Deployment", name: "crashy"))
            }
        }
    }
}
