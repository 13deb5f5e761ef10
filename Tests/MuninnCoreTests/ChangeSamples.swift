import Foundation
import KubeAPI
import KubeJSON
import MuninnCore

/// Deployments and change events for the change watch tests.
enum ChangeObjects {
    static func deployment(
        _ name: String, namespace: String = "shop", image: String = "shop/app:1.0", replicas: Int64 = 2, resourceVersion: Int = 100,
        uid: String? = nil, readyReplicas: Int64 = 2, manager: String = "kubectl-client-side-apply"
    ) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": .string(name), "namespace": .string(namespace), "uid": .string(uid ?? "uid-\(name)"),
                "resourceVersion": .string(String(resourceVersion)), "labels": ["app": .string(name)],
                "managedFields": [
                    ["manager": .string(manager), "operation": "Update", "time": "2026-01-01T10:00:00Z"],
                    ["manager": "kube-controller-manager", "operation": "Update", "subresource": "status", "time": "2026-01-01T11:00:00Z"],
                ],
            ],
            "spec": ["replicas": .int(replicas), "template": ["spec": ["containers": [["name": "app", "image": .string(image)]]]]],
            "status": ["readyReplicas": .int(readyReplicas)],
        ]
    }

    static let deployments = ResolvedWatch(resource: .deployments, kind: "Deployment")
    static let cluster = "prod"
    static let observedAt = Date(timeIntervalSince1970: 1_800_000_000)
}
