import Foundation
import KubeJSON
import Testing
@testable import KubeletModel

@Suite struct BulkTests {
    @Test(.timeLimit(.minutes(1))) func tenThousandDistinctRunningPods() throws {
        var engine = ScenarioEngine.bulk(pods: 10_000, namespaces: 20, seed: 11, start: testStart)
        let writes = engine.advance(to: testStart)
        let pods = writes.podObjects
        #expect(pods.count == 10_000)
        #expect(Set(pods.compactMap { $0[path: ["metadata", "uid"]]?.stringValue }).count == 10_000)
        #expect(Set(pods.compactMap { pod in
            pod[path: ["metadata", "namespace"]].flatMap { ns in pod[path: ["metadata", "name"]].map { "\(ns)/\($0)" } }
        }).count == 10_000)
        #expect(Set(pods.compactMap { $0.containerStatus(0)?["containerID"]?.stringValue }).count == 10_000)
        #expect(Set(pods.compactMap { pod in pod[path: ["status", "podIP"]]?.stringValue }).count == 10_000)
        #expect(Set(pods.compactMap { $0[path: ["metadata", "namespace"]]?.stringValue }).count == 20)
        #expect(pods.allSatisfy { $0.phase == "Running" && $0.condition("Ready")?["status"] == "True" })
        #expect(pods.allSatisfy { $0[path: ["spec", "nodeName"]]?.stringValue?.hasPrefix("bench-node-") == true })
        // Every pod names an existing ReplicaSet as its controller.
        let replicaSets = Set(writes.compactMap { if case .apply(.replicaSets, let rs) = $0 { rs[path: ["metadata", "uid"]]?.stringValue } else { nil } })
        #expect(replicaSets.count == 1000)
        #expect(pods.allSatisfy { replicaSets.contains($0[path: ["metadata", "ownerReferences"]]?[0]?["uid"]?.stringValue ?? "") })
        #expect(writes.compactMap { if case .apply(.nodes, let node) = $0 { node } else { nil } }.count == 100)
        // Nothing else is scheduled, and the bulk pods still take commands.
        #expect(engine.nextDeadline == nil)
        let name = try #require(pods.first?[path: ["metadata", "name"]]?.stringValue)
        let namespace = try #require(pods.first?[path: ["metadata", "namespace"]]?.stringValue)
        let crash = engine.perform(.crash(target: "\(namespace)/\(name)", container: "main"), now: at(5))
        #expect(crash.podObjects.first?.containerStatus(0)?[path: ["state", "terminated", "reason"]] == "Error")
    }

    @Test func patchedBulkRenderingEqualsAFullRender() throws {
        var engine = ScenarioEngine.bulk(pods: 25, namespaces: 2, seed: 4, start: testStart)
        let pods = engine.advance(to: testStart).podObjects
        #expect(pods.count == 25)
        for object in pods {
            let namespace = try #require(object[path: ["metadata", "namespace"]]?.stringValue)
            let name = try #require(object[path: ["metadata", "name"]]?.stringValue)
            let pod = try #require(engine.pod("\(namespace)/\(name)"))
            #expect(pod.render().serialized() == object.serialized())
        }
    }

    @Test func bulkIsDeterministic() {
        var a = ScenarioEngine.bulk(pods: 50, namespaces: 2, seed: 3, start: testStart)
        var b = ScenarioEngine.bulk(pods: 50, namespaces: 2, seed: 3, start: testStart)
        #expect(a.advance(to: testStart) == b.advance(to: testStart))
    }
}
