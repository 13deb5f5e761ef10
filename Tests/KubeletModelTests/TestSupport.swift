import Foundation
import KubeJSON
@testable import KubeletModel

/// A fixed start time so expected timestamps can be written out.
let testStart = Date(timeIntervalSince1970: 1_763_683_200)  // 2025-11-21T00:00:00Z

func at(_ seconds: TimeInterval) -> Date { testStart.addingTimeInterval(seconds) }

func podBlueprint(
    _ behaviour: ContainerBehaviour = .healthy, name: String = "web-7d9c5b8f4d-x7k2p", restartPolicy: RestartPolicy = .always,
    initContainers: [ContainerBlueprint] = []
) -> PodBlueprint {
    PodBlueprint(
        namespace: "shop", name: name, generateName: "web-7d9c5b8f4d-", labels: ["app": "web", "pod-template-hash": "7d9c5b8f4d"],
        owner: OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d9c5b8f4d", uid: "00000000-0000-4000-8000-000000000001"),
        initContainers: initContainers,
        containers: [ContainerBlueprint(name: "app", image: "ghcr.io/acme/web:1.0", requests: ["cpu": "100m", "memory": "128Mi"], behaviour: behaviour)],
        restartPolicy: restartPolicy)
}

/// Creates the pod at t=0 and advances it to `seconds`, returning all writes.
func simulate(_ blueprint: PodBlueprint, until seconds: TimeInterval, seed: UInt64 = 7) -> (PodSimulation, [ClusterWrite]) {
    var pod = PodSimulation(blueprint: blueprint, random: SeededRandom(seed: seed), now: testStart)
    var writes = pod.create(now: testStart)
    writes += pod.tick(now: at(seconds))
    return (pod, writes)
}

extension Array where Element == ClusterWrite {
    var podObjects: [JSONValue] {
        compactMap { if case .apply(let resource, let object) = $0, resource == .pods { object } else { nil } }
    }

    var events: [JSONValue] {
        compactMap { if case .apply(let resource, let object) = $0, resource == .events { object } else { nil } }
    }

    var logs: [(container: String, containerID: String, text: String)] {
        compactMap { if case .appendLog(_, _, let container, let id, let text) = $0 { (container, id, text) } else { nil } }
    }

    var deletions: [String] {
        compactMap { if case .delete(_, let namespace, let name) = $0 { "\(namespace ?? "")/\(name)" } else { nil } }
    }

    func events(reason: String) -> [JSONValue] { events.filter { $0["reason"]?.stringValue == reason } }
}

extension JSONValue {
    /// `status.containerStatuses[index]`.
    func containerStatus(_ index: Int = 0) -> JSONValue? { self[path: ["status", "containerStatuses"]]?[index] }
    func initContainerStatus(_ index: Int) -> JSONValue? { self[path: ["status", "initContainerStatuses"]]?[index] }

    func condition(_ type: String) -> JSONValue? {
        self[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    var phase: String? { self[path: ["status", "phase"]]?.stringValue }
    var waitingReason: String? { self[path: ["state", "waiting", "reason"]]?.stringValue }
    var waitingMessage: String? { self[path: ["state", "waiting", "message"]]?.stringValue }
}

/// The fixture files committed beside the client tests (copies of the shared k8s-api examples).
func fixture(_ name: String) throws -> JSONValue {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KubeAPITests/Fixtures/\(name)")
    return try JSONValue(parsing: try Data(contentsOf: url))
}
