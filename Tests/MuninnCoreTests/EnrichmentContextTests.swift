import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

/// The context around an incident: the owning workload, the pod's Events and the node's health.
@Suite(.timeLimit(.minutes(1)))
struct EnrichmentContextTests {
    typealias Samples = EnrichmentSamples

    @Test func aReplicaSetResolvesToItsDeployment() async {
        var reader = EnrichmentFakeClusterReader()
        reader.owners["ReplicaSet/web-7d9f"] = .value([Samples.owner("Deployment", "web")])
        let alert = await Samples.enrich(Samples.incident(), reader: reader)
        #expect(alert.workload == Alert.Workload(kind: "Deployment", name: "web"))
    }

    @Test func aJobResolvesToItsCronJob() async {
        var reader = EnrichmentFakeClusterReader()
        reader.owners["Job/nightly-29000000"] = .value([Samples.owner("CronJob", "nightly")])
        let alert = await Samples.enrich(Samples.incident(owner: Samples.owner("Job", "nightly-29000000")), reader: reader)
        #expect(alert.workload == Alert.Workload(kind: "CronJob", name: "nightly"))
    }

    @Test func aStandaloneReplicaSetOrJobIsTheWorkload() async {
        let reader = EnrichmentFakeClusterReader()
        let job = await Samples.enrich(Samples.incident(owner: Samples.owner("Job", "migrate")), reader: reader)
        #expect(job.workload == Alert.Workload(kind: "Job", name: "migrate"))
        let replicaSet = await Samples.enrich(Samples.incident(), reader: reader)
        #expect(replicaSet.workload == Alert.Workload(kind: "ReplicaSet", name: "web-7d9f"))
    }

    @Test func statefulSetsAndDaemonSetsOwnTheirPodsDirectly() async {
        let reader = EnrichmentFakeClusterReader()
        let statefulSet = await Samples.enrich(Samples.incident(owner: Samples.owner("StatefulSet", "db")), reader: reader)
        #expect(statefulSet.workload == Alert.Workload(kind: "StatefulSet", name: "db"))
        let daemonSet = await Samples.enrich(Samples.incident(owner: Samples.owner("DaemonSet", "agent")), reader: reader)
        #expect(daemonSet.workload == Alert.Workload(kind: "DaemonSet", name: "agent"))
    }

    @Test func aBarePodHasNoWorkload() async {
        let alert = await Samples.enrich(Samples.incident(owner: nil), reader: EnrichmentFakeClusterReader())
        #expect(alert.workload == nil)
    }

    @Test func eventsAreNewestLastOneLineEachWithTheirCount() async throws {
        var reader = EnrichmentFakeClusterReader()
        reader.events = .value([
            try Samples.event(reason: "BackOff", message: "Back-off restarting failed container web", count: 7, secondsAfterStart: 90),
            try Samples.event(reason: "Pulled", message: "Container image \"shop/web:1\" already present", secondsAfterStart: 10),
            try Samples.event(reason: "Unhealthy", message: "Liveness probe failed: HTTP 500\nbody: oops\n", count: 2, secondsAfterStart: 60),
            try Samples.event(reason: "Scheduled", message: "Successfully assigned shop/web to node-1", secondsAfterStart: 0),
        ])
        let alert = await Samples.enrich(Samples.incident(), reader: reader, configuration: .init(eventCount: 3))
        #expect(alert.events == [
            #"Pulled: Container image "shop/web:1" already present"#,
            "Unhealthy: Liveness probe failed: HTTP 500 body: oops (x2)",
            "BackOff: Back-off restarting failed container web (x7)",
        ])
    }

    @Test func unhealthyNodeConditionsAreReportedHealthyOnesAreNot() async throws {
        var reader = EnrichmentFakeClusterReader()
        reader.nodes["node-1"] = .value([
            NodeCondition(type: "Ready", status: "False", reason: "KubeletNotReady", message: "PLEG is not healthy"),
            NodeCondition(type: "MemoryPressure", status: "True", reason: "KubeletHasInsufficientMemory"),
            NodeCondition(type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure"),
            NodeCondition(type: "PIDPressure", status: "True"),
            NodeCondition(type: "SomeVendorCondition", status: "True"),
        ])
        reader.events = .value([try Samples.event(reason: "BackOff", message: "Back-off", secondsAfterStart: 1)])
        let alert = await Samples.enrich(Samples.incident(), reader: reader)
        #expect(alert.events == [
            "BackOff: Back-off",
            "Node node-1: Ready is False (KubeletNotReady: PLEG is not healthy)",
            "Node node-1: MemoryPressure is True (KubeletHasInsufficientMemory)",
            "Node node-1: PIDPressure is True",
        ])
    }

    @Test func aHealthyNodeAddsNothing() async {
        var reader = EnrichmentFakeClusterReader()
        reader.nodes["node-1"] = .value([
            NodeCondition(type: "Ready", status: "True"), NodeCondition(type: "MemoryPressure", status: "False"),
            NodeCondition(type: "DiskPressure", status: "False"), NodeCondition(type: "PIDPressure", status: "False"),
        ])
        let alert = await Samples.enrich(Samples.incident(), reader: reader)
        #expect(alert.events.isEmpty)
        #expect(NodeCondition(type: "Ready", status: "Unknown").isUnhealthy)
    }
}
