import Foundation
import KubeAPI
import Logging
import MuninnCore

/// Incidents, events and owners for the enrichment tests.
enum EnrichmentSamples {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)
    static let logger = Logger(label: "muninn.tests.enrichment")
    static let replicaSetOwner = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d9f", uid: "rs-1", controller: true)

    static func incident(
        _ kind: Incident.Kind = .containerTerminated, container: String? = "web", restartCount: Int? = 3, exitCode: Int? = 1,
        reason: String? = "Error", owner: OwnerReference? = replicaSetOwner, node: String? = "node-1"
    ) -> Incident {
        Incident(
            kind: kind, namespace: "shop", podName: "web-7d9f-abcde", podUID: "u-1", node: node, owner: owner, container: container,
            role: .regular, image: "shop/web:1", reason: reason, message: "boom", exitCode: exitCode, restartCount: restartCount,
            restartsSeen: 1, containerID: "containerd://aa", identity: "u-1/web/containerd://aa", observedAt: t0)
    }

    static func event(reason: String, message: String, count: Int = 1, secondsAfterStart: Int) throws -> KubeEvent {
        let object: [String: Any] = [
            "metadata": ["name": "web.\(reason).\(secondsAfterStart)", "namespace": "shop"],
            "involvedObject": ["kind": "Pod", "name": "web-7d9f-abcde", "namespace": "shop"],
            "reason": reason, "message": message, "count": count,
            "lastTimestamp": KubeTime(t0.addingTimeInterval(TimeInterval(secondsAfterStart))).description,
        ]
        return try JSONDecoder().decode(KubeEvent.self, from: JSONSerialization.data(withJSONObject: object))
    }

    static func owner(_ kind: String, _ name: String, controller: Bool = true) -> OwnerReference {
        OwnerReference(apiVersion: "apps/v1", kind: kind, name: name, uid: "\(kind)-uid", controller: controller)
    }

    /// Enriches with a clock on which nothing times out.
    static func enrich(
        _ incident: Incident, reader: EnrichmentFakeClusterReader, configuration: AlertEnricher.Configuration = .init(clusterName: "prod")
    ) async -> Alert {
        await AlertEnricher(configuration: configuration, clock: EnrichmentClocks.Never()).enrich(incident, reader: reader, logger: logger)
    }
}
