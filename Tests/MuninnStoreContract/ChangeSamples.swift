import Foundation
import KubeJSON
import MuninnCore

/// Small, fixed values for the change store tests: whole-millisecond dates (what the stores keep), readable ids.
public enum ChangeSamples {
    public static let start = Date(timeIntervalSince1970: 1_700_000_000.125)
    public static let deployments = "apps/v1/deployments"
    public static let configMaps = "v1/configmaps"

    public static func at(_ seconds: Int) -> Date { start.addingTimeInterval(TimeInterval(seconds)) }

    public static func manifest(_ name: String, image: String = "shop/api:1.0", replicas: Int64 = 2) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": "shop", "labels": ["app": .string(name)]],
            "spec": [
                "replicas": .int(replicas),
                "template": ["spec": ["containers": [["name": "app", "image": .string(image), "ports": [["containerPort": 8080]]]]]],
                "ratio": .double(0.5), "paused": false, "note": nil, "text": "ünïcödé \u{1F600} \"quoted\" \\ back",
            ],
        ]
    }

    public static func baseline(_ name: String, namespace: String = "shop", image: String = "shop/api:1.0", resourceVersion: String = "10") -> ChangeBaseline {
        ChangeBaseline(namespace: namespace, name: name, uid: "uid-\(name)", resourceVersion: resourceVersion, manifest: manifest(name, image: image))
    }

    public static func change(
        _ id: String, name: String = "api", namespace: String = "shop", kind: String = "Deployment", resource: String = deployments,
        cluster: String = "prod", action: ChangeAction = .updated, at seconds: Int = 0, whileStopped: Bool = false,
        workload: Alert.Workload? = Alert.Workload(kind: "Deployment", name: "api"), changedBy: String? = "kubectl-client-side-apply"
    ) -> ManifestChange {
        ManifestChange(
            id: id, cluster: cluster, resource: resource, kind: kind, namespace: namespace, name: name, uid: "uid-\(name)", action: action,
            observedAt: at(seconds), whileStopped: whileStopped, workload: workload, changedBy: changedBy,
            diff: ManifestDiff(
                fieldChanges: [
                    FieldChange(path: "spec.template.spec.containers[name=app].image", operation: .changed, old: "shop/api:1.0", new: "shop/api:1.1"),
                    FieldChange(path: "metadata.labels.tier", operation: .added, old: nil, new: "web"),
                ],
                unifiedDiff: "--- before\n+++ after\n@@ -1,3 +1,3 @@\n-image: shop/api:1.0\n+image: shop/api:1.1\n ünïcödé\n"))
    }
}
