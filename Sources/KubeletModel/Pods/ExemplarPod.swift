import Foundation
import KubeJSON

/// The extra bulk of the upstream benchmark exemplar pod, for `PodRealism.exemplar`.
enum ExemplarPod {
    static let annotations: [String: String] = [
        "argocd.argoproj.io/hook": "PreSync",
        "argocd.argoproj.io/hook-delete-policy": "HookSucceeded",
        "cluster-autoscaler.kubernetes.io/safe-to-evict": "false",
        "fluentbit.io/parser": "json",
        "prometheus.io/path": "/metrics",
        "prometheus.io/port": "8080",
        "prometheus.io/scrape": "false",
        "sidecar.istio.io/inject": "false",
        "vault.hashicorp.com/agent-inject": "false",
        "vault.hashicorp.com/role": "my-app-db-role",
    ]

    /// Labels of a Deployment's pods in the exemplar's style.
    static func labels(workload: String, namespace: String, templateHash: String) -> [String: String] {
        [
            "app.kubernetes.io/component": "backend",
            "app.kubernetes.io/instance": "\(workload)-primary",
            "app.kubernetes.io/name": workload,
            "app.kubernetes.io/part-of": namespace,
            "app.kubernetes.io/version": "v2.1.4",
            "env": "production",
            "group": "load",
            "name": workload,
            "pod-template-hash": templateHash,
            "svc": "\(workload)-svc",
            "track": "stable",
        ]
    }

    static func environment(container: String) -> JSONValue {
        func field(_ name: String, _ path: String) -> JSONValue {
            ["name": .string(name), "valueFrom": ["fieldRef": ["apiVersion": "v1", "fieldPath": .string(path)]]]
        }
        func resource(_ name: String, _ resource: String) -> JSONValue {
            ["name": .string(name), "valueFrom": ["resourceFieldRef": ["containerName": .string(container), "resource": .string(resource), "divisor": "0"]]]
        }
        return [
            field("POD_NAME", "metadata.name"), field("POD_NAMESPACE", "metadata.namespace"),
            field("NODE_NAME", "spec.nodeName"), field("POD_IP", "status.podIP"),
            resource("GOMAXPROCS", "limits.cpu"), resource("MEM_LIMIT_BYTES", "limits.memory"),
            ["name": "JAVA_TOOL_OPTIONS", "value": "-XX:MaxRAMPercentage=75.0 -XX:+CrashOnOutOfMemoryError"],
            ["name": "REDIS_URL", "value": "redis://redis-master.cache.svc.cluster.local:6379/0"],
            ["name": "PYTHONUNBUFFERED", "value": "1"],
            ["name": "NODE_ENV", "value": "production"],
        ]
    }

    /// The exemplar's managedFields with this pod's owner, IP and times. Only the few changed
    /// members are rebuilt; the rest is shared with the template.
    static func managedFields(ownerUID: String, podIP: String, created: Date, statusUpdated: Date) -> JSONValue {
        guard case .array(var entries) = ExemplarManagedFields.template, entries.count == 2 else {
            return ExemplarManagedFields.template
        }
        entries[0][path: ["fieldsV1", "f:metadata", "f:ownerReferences"]] = .object(JSONObject([
            (".", JSONBuilding.emptyObject), ("k:{\"uid\":\"\(ownerUID)\"}", JSONBuilding.emptyObject),
        ]))
        entries[0]["time"] = .string(KubeTime.rfc3339(created))
        entries[1][path: ["fieldsV1", "f:status", "f:podIPs"]] = .object(JSONObject([
            (".", JSONBuilding.emptyObject),
            ("k:{\"ip\":\"\(podIP)\"}", JSONBuilding.object([(".", JSONBuilding.emptyObject), ("f:ip", JSONBuilding.emptyObject)])),
        ]))
        entries[1]["time"] = .string(KubeTime.rfc3339(statusUpdated))
        return .array(entries)
    }
}
