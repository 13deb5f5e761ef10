import Foundation
import KubeJSON
import Testing

@testable import KubeAPI

@Suite struct FixtureDecodingTests {
    static func fixtures() throws -> [String] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func data(_ name: String) throws -> Data {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: directory.appendingPathComponent(name))
    }

    @Test func everyFixtureIsPresent() throws {
        #expect(try Self.fixtures().count == 18)
    }

    @Test(arguments: try fixtures())
    func decodesIntoJSONValueAndTypedModel(name: String) throws {
        let data = try Self.data(name)
        let value = try JSONValue(parsing: data)
        #expect(value["kind"]?.stringValue != nil)
        let decoder = JSONDecoder()
        if name.hasPrefix("pod-") {
            let pod = try decoder.decode(Pod.self, from: data)
            #expect(!pod.metadata.name.isEmpty)
            #expect(pod.metadata.resourceVersion == value[path: ["metadata", "resourceVersion"]]?.stringValue)
            #expect(pod.status.phase == value[path: ["status", "phase"]]?.stringValue)
            #expect(pod.spec.containers.count == value[path: ["spec", "containers"]]?.arrayValue?.count)
            #expect(pod.status.containerStatuses.count == (value[path: ["status", "containerStatuses"]]?.arrayValue?.count ?? 0))
        } else if name.hasPrefix("eventlist-") {
            let list = try decoder.decode(ObjectList<KubeEvent>.self, from: data)
            #expect(!list.items.isEmpty)
            #expect(list.items.allSatisfy { $0.involvedObject.name != nil && $0.reason != nil })
        } else if name.hasPrefix("event-") {
            let event = try decoder.decode(KubeEvent.self, from: data)
            #expect(event.involvedObject.name != nil)
            #expect(event.reason != nil)
            #expect(event.message != nil)
        } else if name.hasPrefix("lease-") {
            let lease = try decoder.decode(Lease.self, from: data)
            #expect(!lease.metadata.name.isEmpty)
            #expect(lease.spec.holderIdentity == value[path: ["spec", "holderIdentity"]]?.stringValue)
        } else {
            Issue.record("unclassified fixture \(name)")
        }
    }

    @Test func oomKilledCrashLoopDetails() throws {
        let pod = try JSONDecoder().decode(Pod.self, from: Self.data("pod-oomkilled-crashloopbackoff-kind.json"))
        let status = try #require(pod.status.containerStatuses.first)
        #expect(status.name == "memory-eater")
        #expect(status.state.waitingReason == "CrashLoopBackOff")
        let last = try #require(status.lastState.terminatedDetails)
        #expect(last.reason == "OOMKilled")
        #expect(last.exitCode == 137)
        #expect(last.finishedAt?.description == "2025-02-27T06:36:22Z")
        #expect(status.restartCount == 6)
        #expect(status.started == false)
        #expect(pod.metadata.ownerReferences.first?.kind == "ReplicaSet")
        #expect(pod.spec.nodeName == "grafana-cloud-control-plane")
    }

    @Test func sidecarInitContainerIsMarked() throws {
        let pod = try JSONDecoder().decode(Pod.self, from: Self.data("pod-sidecar-init-running-kind.json"))
        #expect(pod.spec.initContainers.map(\.isSidecar) == [false, true])
    }

    @Test func eventsK8sIoViewMapsOntoCoreNames() throws {
        let event = try JSONDecoder().decode(KubeEvent.self, from: Self.data("event-events-k8s-io-v1-backoff-crashloop-kind.json"))
        #expect(event.involvedObject.fieldPath == "spec.containers{memory-eater}")
        #expect(event.message?.hasPrefix("Back-off restarting failed container") == true)
        #expect(event.count == 23)
        #expect(event.reportingComponent == "kubelet")
        #expect(event.lastSeen?.description == "2025-02-27T06:35:41Z")
    }

    @Test func leaseMicroTimeRoundTrips() throws {
        let lease = try JSONDecoder().decode(Lease.self, from: Self.data("lease-apiserver-identity-docs.json"))
        #expect(lease.spec.renewTime?.description == "2023-07-04T21:58:48.065888Z")
        #expect(lease.spec.leaseDurationSeconds == 3600)
        let encoded = try JSONValue(parsing: JSONEncoder().encode(lease))
        #expect(encoded[path: ["spec", "renewTime"]]?.stringValue == "2023-07-04T21:58:48.065888Z")
        #expect(encoded["kind"]?.stringValue == "Lease")
        #expect(encoded[path: ["metadata", "resourceVersion"]]?.stringValue == "334899")
    }

    @Test func oddFieldsDoNotFailAPod() throws {
        let json = """
            {"metadata":{"name":"p","labels":null,"creationTimestamp":"yesterday","generation":"x"},
             "spec":{"containers":[{"name":"a"},42],"nodeName":7},
             "status":{"phase":"Running","startTime":null,"containerStatuses":[{"name":"a","restartCount":"many","state":{"weird":{}},"lastState":{}}]}}
            """
        let pod = try JSONDecoder().decode(Pod.self, from: Data(json.utf8))
        #expect(pod.metadata.name == "p")
        #expect(pod.metadata.labels.isEmpty)
        #expect(pod.metadata.creationTimestamp == nil)
        #expect(pod.spec.containers.map(\.name) == ["a"])
        #expect(pod.spec.nodeName == nil)
        #expect(pod.status.containerStatuses.first?.restartCount == 0)
        #expect(pod.status.containerStatuses.first?.state == .empty)
    }

    @Test func nodeConditionsAddressesAndCordon() throws {
        let json = """
            {"kind":"Node","apiVersion":"v1","metadata":{"name":"n1","resourceVersion":"77","labels":{"kubernetes.io/hostname":"n1"}},
             "spec":{"unschedulable":true,"podCIDR":"10.244.0.0/24"},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False","lastHeartbeatTime":"2025-01-01T00:00:00Z","lastTransitionTime":"2025-01-01T00:00:00Z","reason":"KubeletHasSufficientMemory","message":"ok"},
                                     {"type":"Ready","status":"Unknown","lastHeartbeatTime":null,"reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."}],
                       "addresses":[{"type":"InternalIP","address":"172.18.0.2"},{"type":"Hostname","address":"n1"}],"capacity":{"cpu":"4"}}}
            """
        let node = try JSONDecoder().decode(Node.self, from: Data(json.utf8))
        #expect(node.objectKey == ObjectKey(namespace: nil, name: "n1"))
        #expect(node.unschedulable)
        #expect(node.readyStatus == "Unknown")
        #expect(node.conditions.first { $0.type == "Ready" }?.reason == "NodeStatusUnknown")
        #expect(node.addresses.map(\.address) == ["172.18.0.2", "n1"])
    }
}
